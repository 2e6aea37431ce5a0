package story

import (
	"strings"
	"testing"
	"time"
)

const wire = `The parliament of Ruritania voted on Tuesday to approve a new budget that raises spending on schools and hospitals by a fifth, after a debate that lasted through the night. Prime Minister Karel Novak said the vote showed that the coalition could govern. The opposition leader, Hana Dvorak, called the budget reckless and promised to challenge it in the constitutional court in Strelsau. Economists at the national bank warned that the deficit would widen next year.`

func day(d int) time.Time { return time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC) }

func TestAssignDuplicates(t *testing.T) {
	c := New(Config{})
	a, err := c.Assign(Doc{ID: "a", Outlet: "wire.example", Title: "Ruritania passes budget", Text: wire, Time: day(5)})
	if err != nil || !a.New {
		t.Fatalf("first: %+v %v", a, err)
	}
	// A syndicated copy with its own furniture around the same text.
	b, _ := c.Assign(Doc{ID: "b", Outlet: "daily.example", Title: "Ruritania passes budget", Text: "Share this article. " + wire + " Sign up for our newsletter.", Time: day(5)})
	if b.DuplicateOf != "a" || b.Story != a.Story {
		t.Errorf("copy: %+v, want a duplicate of a in %s", b, a.Story)
	}
	// A copy of the copy points at the original.
	d, _ := c.Assign(Doc{ID: "d", Outlet: "third.example", Title: "Ruritania passes budget", Text: wire + " Reporting by staff.", Time: day(6)})
	if d.DuplicateOf != "a" {
		t.Errorf("copy of copy: %+v", d)
	}
	st, _ := c.Story(a.Story)
	if len(st.Documents) != 3 || len(st.Duplicates) != 2 || len(st.Outlets) != 1 {
		t.Errorf("story %+v: want 3 documents, 2 duplicates, 1 outlet (copies count once)", st)
	}
	// Re-assigning an ID returns the same story.
	again, _ := c.Assign(Doc{ID: "a", Text: "anything"})
	if again.Story != a.Story {
		t.Errorf("reassign: %+v", again)
	}
	if _, err := c.Assign(Doc{Text: wire}); err == nil {
		t.Error("no ID: no error")
	}
}

func TestAssignStories(t *testing.T) {
	c := New(Config{})
	budget2 := `Ruritania's lawmakers backed Karel Novak's budget in an overnight session in Strelsau. Hana Dvorak, who leads the opposition, said she would take the spending plan to the constitutional court. The national bank expects a wider deficit.`
	flood := `Floods in the river valley of Freedonia forced thousands from their homes on Wednesday. Rescue teams in Fredonia City used boats to reach villages cut off by the water, and President Rufus Firefly declared an emergency.`
	flood2 := `President Rufus Firefly declared an emergency as floods swept the Freedonia valley. Boats from Fredonia City carried villagers to safety; thousands have left their homes.`
	steps := []struct {
		doc    Doc
		sameAs string // ID whose story this one should join; "" for a new story
	}{
		{Doc{ID: "b1", Outlet: "x", Title: "Ruritania passes budget", Text: wire, Time: day(5)}, ""},
		{Doc{ID: "f1", Outlet: "y", Title: "Floods in Freedonia", Text: flood, Time: day(6)}, ""},
		{Doc{ID: "b2", Outlet: "y", Title: "Novak's budget approved", Text: budget2, Time: day(6)}, "b1"},
		{Doc{ID: "f2", Outlet: "x", Title: "Emergency in Freedonia", Text: flood2, Time: day(7)}, "f1"},
		// The same budget story a month later is outside the window.
		{Doc{ID: "b3", Outlet: "z", Title: "Novak's budget approved", Text: budget2, Time: day(30)}, ""},
	}
	for _, s := range steps {
		a, err := c.Assign(s.doc)
		if err != nil {
			t.Fatal(err)
		}
		if s.sameAs == "" {
			if !a.New {
				t.Errorf("%s joined %s (score %.2f), want a new story", s.doc.ID, a.Story, a.Score)
			}
			continue
		}
		want, _ := c.StoryOf(s.sameAs)
		if a.Story != want {
			t.Errorf("%s went to %s (score %.2f), want %s", s.doc.ID, a.Story, a.Score, want)
		}
	}
	if n := len(c.Stories()); n != 3 {
		t.Errorf("%d stories, want 3", n)
	}
	if moved := c.Refine(time.Time{}); len(moved) != 0 {
		t.Errorf("Refine moved %v", moved)
	}
	if n := c.Forget(day(20)); n != 2 {
		t.Errorf("Forget dropped %d stories, want 2", n)
	}
	if _, ok := c.StoryOf("b1"); ok {
		t.Error("forgotten article still assigned")
	}
}

func TestRestore(t *testing.T) {
	c := New(Config{})
	if err := c.Restore(Doc{ID: "a", Title: "Ruritania passes budget", Text: wire, Time: day(5)}, "S42", ""); err != nil {
		t.Fatal(err)
	}
	if err := c.Restore(Doc{ID: "b", Text: wire, Time: day(5)}, "S42", "a"); err != nil {
		t.Fatal(err)
	}
	a, _ := c.Assign(Doc{ID: "c", Text: strings.Replace(wire, "Tuesday", "Wednesday", 1), Time: day(6)})
	if a.Story != "S42" || a.DuplicateOf != "a" {
		t.Errorf("after restore: %+v", a)
	}
	if err := c.Restore(Doc{}, "S1", ""); err == nil {
		t.Error("restore without ID: no error")
	}
}

func TestMinHash(t *testing.T) {
	a, ok := MinHash(wire)
	if !ok {
		t.Fatal("no signature")
	}
	b, _ := MinHash(wire)
	if a.Similarity(&b) != 1 {
		t.Error("same text, similarity below 1")
	}
	c, _ := MinHash("Something else entirely happened in another country with other people today.")
	if s := a.Similarity(&c); s > 0.1 {
		t.Errorf("different texts: similarity %.2f", s)
	}
	if _, ok := MinHash(" ... "); ok {
		t.Error("signature of no words")
	}
}

func FuzzAssign(f *testing.F) {
	f.Add(wire, "Title")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, text, title string) {
		c := New(Config{})
		if _, err := c.Assign(Doc{ID: "x", Title: title, Text: text}); err != nil {
			t.Fatal(err)
		}
		_, _ = c.Assign(Doc{ID: "y", Title: title, Text: text + " more"})
		c.Refine(time.Time{})
	})
}
