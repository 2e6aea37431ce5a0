package extract

import (
	"strings"
	"testing"
)

func TestRules(t *testing.T) {
	for _, tc := range []struct {
		rule string
		fn   func(string) bool
		in   string
		want bool
	}{
		{"credit", isCreditLine, "(AP Photo/Evan Vucci)", true},
		{"credit", isCreditLine, "Photo: Jane Doe/Reuters", true},
		{"credit", isCreditLine, "Image copyright Getty Images", true},
		{"credit", isCreditLine, "Photograph: Sam Patel for The Example", true},
		{"credit", isCreditLine, "The photo was taken on Monday by a resident.", false},
		{"credit", isCreditLine, "Playoff picture: Raiders in pursuit", false},
		{"credit", isCreditLine, "AFP Photo / Jane Doe", true},
		{"credit", isCreditLine, "Police said the image showed the suspect leaving the shop.", false},
		{"caption", endsWithPhotoCredit, "Police stand guard outside the court on Monday. (AP Photo/Jane Doe)", true},
		{"caption", endsWithPhotoCredit, "Firefighters work at the scene. (Reuters Photo/John Roe)", true},
		{"caption", endsWithPhotoCredit, "The minister resigned on Monday (see the full statement below).", false},
		{"promo", isPromo, "READ MORE: Storm season arrives early", true},
		{"promo", isPromo, "Related: How the port strike ended", true},
		{"promo", isPromo, "Sign up for our daily newsletter", true},
		{"promo", isPromo, "Follow us on Twitter for the latest updates", true},
		{"promo", isPromo, "Get the latest updates right in your inbox. Subscribe to our newsletters.", true},
		{"promo", isPromo, "Story one [VIDEO]|Story two [PICTURES]|Story three [INSIGHT]", true},
		{"promo", isPromo, "The union said it would read the offer carefully before voting.", false},
		{"promo", isPromo, "More AP coverage: https://apnews.com/politics", true},
		{"promo", isPromo, "Get full access with a digital subscription for as little as $1 a week.", true},
		{"promo", isPromo, "Subscriptions to streaming services rose 5% a year, the report said.", false},
		{"promo", isPromo, "More than 200 people signed up to volunteer, organisers said.", false},
		{"boilerplate", isBoilerplate, "Advertisement", true},
		{"boilerplate", isBoilerplate, "Share this article", true},
		{"boilerplate", isBoilerplate, "5 min read", true},
		{"boilerplate", isBoilerplate, "You must log in to post a comment.", true},
		{"boilerplate", isBoilerplate, "© 2024 Example News. All rights reserved.", true},
		{"boilerplate", isBoilerplate, "Tags: transit, city council", true},
		{"boilerplate", isBoilerplate, "Reporting by Ann Smith; Editing by Bob Jones", true},
		{"boilerplate", isBoilerplate, "Jane Doe contributed to this report.", true},
		{"boilerplate", isBoilerplate, "Reach the reporter at jdoe@example.org.", true},
		{"boilerplate", isBoilerplate, "The council shared the report with residents on Monday.", false},
		{"boilerplate", isBoilerplate, "Comments from residents were mostly positive, the mayor said.", false},
		{"date", isDateLine, "Monday, 18 November 2019 at 10:13", true},
		{"date", isDateLine, "Updated at 1:23 p.m.", true},
		{"date", isDateLine, "segunda-feira, 22 de janeiro de 2018 às 0:13", true},
		{"date", isDateLine, "Nov. 18, 2019", true},
		{"date", isDateLine, "On Monday the council met at 9.", false},
		{"date", isDateLine, "Tuesday", false},
		{"breadcrumb", isBreadcrumb, "Home » Business » Energy", true},
		{"breadcrumb", isBreadcrumb, "News > World > Europe", true},
		{"breadcrumb", isBreadcrumb, "Prices rose 5% > inflation, and wages rose > 3% > last year.", false},
		{"about", aboutRE.MatchString, "About Harbour Energy", true},
		{"about", aboutRE.MatchString, "About the author", true},
		{"about", aboutRE.MatchString, "About 300 people attended the meeting.", false},
	} {
		if got := tc.fn(tc.in); got != tc.want {
			t.Errorf("%s(%q) = %v, want %v", tc.rule, tc.in, got, tc.want)
		}
	}
}

func TestBylineLine(t *testing.T) {
	for _, tc := range []struct {
		in     string
		byline []string
		want   bool
	}{
		{"By Jane Doe", nil, true},
		{"By Jane Doe and John Roe, Staff Writers", nil, true},
		{"Jane Doe", []string{"Jane Doe"}, true},
		{"by the river, the town's oldest bakery stood empty", nil, false},
		{"By Tuesday, most of the water had gone.", nil, false},
	} {
		if got := isBylineLine(tc.in, tc.byline); got != tc.want {
			t.Errorf("isBylineLine(%q, %q) = %v, want %v", tc.in, tc.byline, got, tc.want)
		}
	}
}

func TestIsTitle(t *testing.T) {
	for _, tc := range []struct {
		block, title string
		want         bool
	}{
		{"Flooding forces thousands from homes", "Flooding forces thousands from homes | Example News", true},
		{"Flooding forces thousands from homes", "Example News - Flooding forces thousands from homes", true},
		{"Flooding forces thousands", "Flooding forces thousands from homes", true},
		{"Example News", "Flooding forces thousands from homes | Example News", false},
		{"Rising water forced thousands to leave.", "Flooding forces thousands from homes", false},
		{"Anything", "", false},
	} {
		if got := isTitle(tc.block, tc.title); got != tc.want {
			t.Errorf("isTitle(%q, %q) = %v, want %v", tc.block, tc.title, got, tc.want)
		}
	}
}

func TestSplitCredit(t *testing.T) {
	for _, tc := range []struct{ in, text, credit string }{
		{"Police stand guard on Monday. (AP Photo/Jane Doe)", "Police stand guard on Monday.", "AP Photo/Jane Doe"},
		{"A view of the harbour. Photo: Sam Patel", "A view of the harbour.", "Photo: Sam Patel"},
		{"A view of the harbour.", "A view of the harbour.", ""},
	} {
		text, credit := splitCredit(tc.in)
		if text != tc.text || credit != tc.credit {
			t.Errorf("splitCredit(%q) = %q, %q; want %q, %q", tc.in, text, credit, tc.text, tc.credit)
		}
	}
}

func TestLanguage(t *testing.T) {
	for _, tc := range []struct {
		name, text, declared, want string
	}{
		{"english", "The council voted on Tuesday to extend the night bus service to four more routes, answering years of complaints from shift workers.", "", "en"},
		{"french", "Le conseil municipal a voté mardi la prolongation du service de bus de nuit sur quatre nouvelles lignes, après des années de plaintes.", "", "fr"},
		{"german", "Der Stadtrat hat am Dienstag beschlossen, den Nachtbusverkehr auf vier weitere Linien auszuweiten, nach jahrelangen Beschwerden.", "", "de"},
		{"spanish", "El ayuntamiento votó el martes ampliar el servicio de autobuses nocturnos a cuatro rutas más, tras años de quejas de los trabajadores.", "", "es"},
		{"russian", "Городской совет во вторник проголосовал за продление ночного автобусного сообщения ещё на четыре маршрута после многолетних жалоб.", "", "ru"},
		{"japanese", "市議会は火曜日、夜間バスの運行をさらに四つの路線に拡大することを決定した。長年にわたる夜勤労働者からの苦情に応えたものだ。", "", "ja"},
		{"short text trusts the page", "Breaking news", "en-GB", "en"},
		{"declared tag normalised", "", "DE_at", "de"},
		{"nothing known", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Language(tc.text, tc.declared); got != tc.want {
				t.Errorf("Language() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNeedSpace(t *testing.T) {
	for _, tc := range []struct {
		prev, next rune
		want       bool
	}{
		{'h', 'p', true},  // "reach" + "prospects"
		{'.', 'B', true},  // "yourself." + "But"
		{'p', '’', false}, // "Trump" + "’s"
		{'“', 'W', false}, // opening quote
		{'h', ',', false},
		{'C', 'に', false}, // Japanese is written without spaces
		{'話', 'K', false},
	} {
		if got := needSpace(tc.prev, tc.next); got != tc.want {
			t.Errorf("needSpace(%q, %q) = %v, want %v", tc.prev, tc.next, got, tc.want)
		}
	}
}

func TestSplitAuthors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Jane Doe; John Roe", []string{"Jane Doe", "John Roe"}},
		{"Rachael Link; MS; RD", []string{"Rachael Link"}},
		{"Jeff Foust Monday; November", []string{"Jeff Foust"}},
		{"Jane Doe; jane doe", []string{"Jane Doe"}},
		{"STEVE PEOPLES; AP National Political Writer", []string{"STEVE PEOPLES"}},
		{"Analysis by Chris Cillizza; CNN Editor-at-large", []string{"Chris Cillizza"}},
		{"", nil},
	} {
		got := splitAuthors(tc.in)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("splitAuthors(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSiteName(t *testing.T) {
	for _, tc := range []struct{ name, page, want string }{
		{"Example News", "", "Example News"},
		{"https://www.example.org", "", "example.org"},
		{"https://www.facebook.com/ExampleTV", "https://www.example.org/a", ""},
		{"Autoracing | F1; Autoracing | F1", "", "Autoracing | F1"},
		{"Copyright 2014", "https://news.example.org/a/b", "news.example.org"},
		{"", "", ""},
	} {
		if got := siteName(tc.name, tc.page); got != tc.want {
			t.Errorf("siteName(%q, %q) = %q, want %q", tc.name, tc.page, got, tc.want)
		}
	}
}
