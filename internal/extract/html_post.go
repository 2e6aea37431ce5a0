package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/news"
)

// postProcess moves captions, credit lines, repeated titles,
// cross-promotions and page furniture out of the extracted blocks into
// d.Captions and d.Removed and returns the blocks of the article text.
// Every rule here is about how news pages are built in general; none names
// a site.
func postProcess(d *Doc, blocks []block, src *source) []block {
	kinds := make([]news.RemovedKind, len(blocks))
	for i, b := range blocks {
		kinds[i] = classify(d, b, src)
	}
	markTitle(d, blocks, kinds, src)
	markLinkLists(blocks, kinds, src)
	markTagLists(blocks, kinds)
	markAboutSection(blocks, kinds)

	// The captions of the article's figures, whether or not extraction
	// kept them.
	for _, f := range src.figures {
		if !f.outside && (f.inArticle || !src.hasArticle) {
			text, credit := splitCredit(f.text)
			d.addCaption(text, credit)
		}
	}

	out := blocks[:0:0]
	for i, b := range blocks {
		switch kinds[i] {
		case "":
			out = append(out, b)
		case news.RemovedCaption:
			text, credit := splitCredit(b.text)
			if text == "" || isCreditLine(text) {
				// A gallery item with only a credit: a credit line.
				d.warnEmptyCaption(text, credit)
				d.Removed = append(d.Removed, news.Removed{Kind: news.RemovedCredit, Text: b.text})
				continue
			}
			if !d.hasCaption(text) {
				d.addCaption(text, credit)
			}
			fallthrough
		default:
			d.Removed = append(d.Removed, news.Removed{Kind: kinds[i], Text: b.text})
		}
	}
	return out
}

// classify decides, from a block's own text and what the page says about
// it, whether it is anything but article text.
func classify(d *Doc, b block, src *source) news.RemovedKind {
	t := b.text
	switch {
	case src.captions[t]:
		return news.RemovedCaption
	case src.credits[t] || isCreditLine(t):
		return news.RemovedCredit
	case len(t) < 300 && src.alts[t] && !isHeadingTag(b.tag), len(t) < 260 && photoCopyrightRE.MatchString(t):
		return news.RemovedCaption
	case endsWithPhotoCredit(t):
		// A caption the page did not mark as one: "Police stand guard
		// on Monday. (AP Photo/Jane Doe)".
		return news.RemovedCaption
	case isPromo(t):
		return news.RemovedPromo
	case isBoilerplate(t) || isDateLine(t) || isBylineLine(t, d.Byline) || isBreadcrumb(t):
		return news.RemovedBoilerplate
	}
	return ""
}

// warnEmptyCaption records a gallery item that has no caption text: an
// empty caption, or a photo credit with nothing else. Each distinct item is
// reported once.
func (d *Doc) warnEmptyCaption(text, credit string) {
	what := strings.TrimSpace(strings.Trim(strings.TrimSpace(text+" "+credit), "()[]"))
	w := "caption: a gallery item has no caption text; not stored"
	if what != "" {
		w = fmt.Sprintf("caption: a gallery item has only a photo credit (%q); not stored as a caption", what)
	}
	for _, old := range d.Warnings {
		if old == w {
			return
		}
	}
	d.Warnings = append(d.Warnings, w)
}

func (d *Doc) hasCaption(text string) bool {
	for _, c := range d.Captions {
		if c.Text == text {
			return true
		}
	}
	return false
}

func (d *Doc) addCaption(text, credit string) {
	if text == "" || isCreditLine(text) {
		d.warnEmptyCaption(text, credit)
		return
	}
	for i := range d.Captions {
		if d.Captions[i].Text == text {
			d.Captions[i].Count++
			if d.Captions[i].Credit == "" {
				d.Captions[i].Credit = credit
			}
			return
		}
	}
	d.Captions = append(d.Captions, news.Caption{Text: text, Credit: credit, Count: 1})
}

// creditWords are what photo, video and graphic credits start with.
const creditWords = `(?:(?:AP|AFP|Reuters|EPA|Getty|Associated Press|Staff|File|Handout|Pool)\s+)?(?:Photo|Photos|Photograph|Photographs|Picture|Pictures|Pic|Image|Images|Illustration|Photo illustration|Graphic|Video|Footage|Credit|Credits|Foto|Photo credit|Image credit|Image copyright|Image caption|Copyright|Courtesy)`

var (
	// A whole paragraph that is a credit: "Photo: Jane Doe/Reuters",
	// "(AP Photo/Jane Doe)", "Image copyright Getty Images".
	creditLineRE = regexp.MustCompile(`(?i)^[(\[]?\s*` + creditWords + `(?:\s+by)?\s*(?:[:/|©]|\bcopyright\b|\bby\b|\s—|\s-)\s*\S.{0,120}$`)
	// A parenthesised agency credit closing a paragraph.
	trailingCreditRE = regexp.MustCompile(`\s*[(\[]\s*(?:(?:AP|AFP|EPA|Reuters|Getty|Xinhua|Bloomberg|Pool|UPI|[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,3})\s+)?(?:Photo|Photos|Photograph|Picture|Image|Images|Illustration|Video|Graphic|Pool Photo)(?:\s+by)?\s*[/:|]\s*[^()\[\]]{2,100}[)\]]\s*$`)
)

// photoCopyrightRE matches a short caption that names its photos' rights
// holder: "Installation views, photos © Jane Doe, 2018".
var photoCopyrightRE = regexp.MustCompile(`(?i)^.{0,150}\b(?:photos?|photographs?|images?|pictures?|foto|fotos)\s*(?:©|ⓒ|\(c\)|copyright|courtesy of|credit:).{0,60}$`)

// isCreditLine reports whether a paragraph is only a photo credit.
func isCreditLine(s string) bool {
	if len(s) > 160 {
		return false
	}
	if creditLineRE.MatchString(s) {
		return true
	}
	loc := trailingCreditRE.FindStringIndex(s)
	return loc != nil && loc[0] == 0
}

// endsWithPhotoCredit reports whether a paragraph closes with a
// parenthesised photo credit, the mark of a caption.
func endsWithPhotoCredit(s string) bool {
	t := strings.TrimRight(s, " ")
	if len(t) >= 600 || !strings.HasSuffix(t, ")") && !strings.HasSuffix(t, "]") {
		return false
	}
	// The credit is short: look only at the end of the paragraph.
	if len(t) > 200 {
		cut := len(t) - 200
		for cut < len(t) && !utf8.RuneStart(t[cut]) {
			cut++
		}
		t = t[cut:]
	}
	return trailingCreditRE.MatchString(t)
}

// splitCredit splits a caption into its text and a trailing credit.
func splitCredit(s string) (text, credit string) {
	if loc := trailingCreditRE.FindStringIndex(s); loc != nil && loc[0] > 0 {
		credit = strings.Trim(strings.TrimSpace(s[loc[0]:]), "()[]")
		return strings.TrimSpace(s[:loc[0]]), strings.TrimSpace(credit)
	}
	for _, sep := range []string{" Photo: ", " Photograph: ", " Picture: ", " Image: ", " Credit: ", " Photo credit: "} {
		if i := strings.LastIndex(s, sep); i > 0 {
			return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		}
	}
	return s, ""
}

var promoRE = regexp.MustCompile(`(?i)^(?:` +
	`(?:read|see|watch|listen|click|tap)\s+(?:more|also|next|now|here|the full story|related)\b.{0,200}` +
	`|(?:related|more|also read|also see|recommended|trending|most read|most popular|don't miss|don’t miss|do not miss|next up|up next|editor's picks?|editor’s picks?)\s*(?:stories|story|articles|article|posts?|links?|coverage|reading|content|news|video|videos)?\s*[:|>»-].{0,200}` +
	`|(?:sign up|subscribe|register)\b.{0,60}\b(?:newsletter|updates|alerts|email|inbox|podcast)\b.{0,120}` +
	`|(?:follow|like)\s+(?:us|\w+)\s+on\s+(?:twitter|facebook|instagram|linkedin|youtube|tiktok|x)\b.{0,120}` +
	`|(?:download|get)\s+(?:the|our)\s+(?:\w+\s+){0,3}app\b.{0,120}` +
	`|.{0,160}\b(?:sign up (?:for|to)|subscribe (?:to|for)|subscribe now|subscribers?-only)\b.{0,160}` +
	`|.{0,120}\b(?:newsletters?|your inbox|thanks for signing up|thank you for signing up|your subscription)\b.{0,120}` +
	`|.{0,100}\b(?:more|other|top|latest|related) (?:stories|news|articles|headlines) (?:from|on|in|about)\b.{0,60}` +
	`|most (?:read|popular|viewed|shared|watched)\b.{0,60}` +
	`|more\b.{0,40}:\s*https?://.{0,200}` +
	`|follow .{0,60}\bcoverage\b.{0,120}` +
	`|.{0,160}\bclick here\b.{0,160}` +
	`)$`)

// subscriptionOfferRE matches an offer of a paid subscription.
var subscriptionOfferRE = regexp.MustCompile(`(?i)\bsubscri(?:be|ption|ptions|bers?)\b.{0,100}(?:\b(?:for as little as|for just|free trial|issues for|use the code|promo code)\b|\d+% off\b|(?:[$£€₹]|\brs\.?|\busd|\beur)\s?\d[\d.,]*\s*(?:a|per|/|for (?:the )?first)\s*(?:week|month|year))`)

// tagPromoRE matches runs of promoted headlines tagged by kind:
// "Headline [VIDEO]|Other headline [PICTURES]".
var tagPromoRE = regexp.MustCompile(`\[(?:VIDEO|PICTURES|PICS|PHOTOS|INSIGHT|REVEAL|REACTION|ANALYSIS|LATEST|POLL|WATCH|LIVE|OPINION|NEWS|WARNING|EXCLUSIVE)\]`)

// isPromo reports whether a paragraph promotes other content rather than
// telling the story: "READ MORE: …", "Sign up for our newsletter".
func isPromo(s string) bool {
	if len(s) < 300 && promoRE.MatchString(s) {
		return true
	}
	if len(s) < 800 && subscriptionOfferRE.MatchString(s) {
		return true
	}
	return strings.Contains(s, "[") && len(tagPromoRE.FindAllStringIndex(s, 3)) >= 2
}

// furniture is page furniture that appears as a paragraph of its own,
// compared lower-case without surrounding punctuation.
var furniture = map[string]bool{
	"advertisement": true, "advertisements": true, "ad": true, "sponsored": true, "sponsored content": true,
	"share": true, "share this": true, "share this article": true, "share this story": true, "tweet": true,
	"email": true, "print": true, "comments": true, "comment": true, "home": true, "tags": true, "topics": true,
	"related": true, "related articles": true, "related stories": true, "related content": true, "related coverage": true,
	"more": true, "subscribe": true, "explore further": true, "continue reading": true,
	"story continues below": true, "article continues below": true, "skip to content": true, "back to top": true,
	"read more": true, "loading": true, "close": true, "next": true, "previous": true, "you may also like": true,
	"you might also like": true, "most read": true, "most popular": true, "trending": true, "trending now": true,
	"recommended": true, "recommended for you": true, "don't miss": true, "don’t miss": true, "more stories": true,
	"more from": true, "top stories": true, "latest news": true, "watch": true, "listen": true, "follow us": true,
	"leave a comment": true, "leave a reply": true, "post a comment": true, "view comments": true, "show comments": true,
	"load more": true, "see more": true, "play": true, "video": true, "photos": true, "gallery": true,
	"image": true, "photo": true, "embed": true, "copy link": true, "whatsapp": true, "facebook": true, "twitter": true,
	"linkedin": true, "pinterest": true, "reddit": true, "toggle caption": true, "hide caption": true,
	"enlarge this image": true, "view gallery": true, "open gallery": true,
}

var (
	readingTimeRE  = regexp.MustCompile(`(?i)^(?:\d+\s*(?:min|mins|minute|minutes)\.?\s*(?:read|de leitura|de lectura|de lecture|lesezeit|di lettura)|(?:reading time|read time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|tempo di lettura)\s*:?\s*(?:\d+|one|two|three|less than)\b.{0,20})$`)
	commentRE      = regexp.MustCompile(`(?i)\b(?:comments?|comentários?|comentarios?|kommentare?|commentaires?|commenti)\b`)
	commentRulesRE = regexp.MustCompile(`(?i)\b(?:log ?in|sign ?in|logged in|register|moderat\w*|approved|aprovados|aprobados|closed|guidelines|community standards|policy|posting|to post|post a|leave a|abusive|respectful|civil)\b`)
	copyrightRE    = regexp.MustCompile(`(?i)^(?:©|ⓒ|\(c\)|copyright\b|all rights reserved)`)
	rightsRE       = regexp.MustCompile(`(?i)\ball rights reserved\b|\bmay not be (?:published|reproduced|redistributed|rewritten)\b|무단전재|転載`)
	tagsLineRE     = regexp.MustCompile(`(?i)^(?:tags?|topics?|keywords?|filed under|categories|category|categoria|categorias|schlagwörter|etiquetas|mots-clés)\s*:`)
	contactRE      = regexp.MustCompile(`(?i)^(?:have a (?:news )?tip|got a (?:news )?tip|send (?:us )?(?:a )?tips?|contact (?:the )?(?:author|reporter|writer)|email (?:the )?(?:author|reporter|writer))\b|\b(?:can|may) be (?:reached|contacted|emailed) at\b|^(?:e-?mail|contact|reach)\s+[\w .'’-]{2,40}\s+at\s+\S+@\S+|^follow (?:him|her|them|me)\b|\breach (?:the )?(?:reporters?|writers?|authors?)\b|\bfollow (?:him|her|them|us|me) (?:on|at) (?:twitter|facebook|instagram)\b|\bfollow (?:him|her|them|us|me) @`)
	wireCreditRE   = regexp.MustCompile(`(?i)^[(\[]?\s*(?:(?:additional )?reporting|writing|editing|compiled|edited|written|research|graphics?|production|produced) by\b.{0,300}$|^.{0,120}\bcontributed (?:reporting )?(?:to )?(?:this|the) (?:report|story|article)\.?\)?$`)
	citationRE     = regexp.MustCompile(`(?i)^citation\s*:.{0,300}\bretrieved\b`)
	metaLabelRE    = regexp.MustCompile(`(?i)\b(?:posted by|published by|publicado por|publicado em|publicado el|veröffentlicht|updated|published|posted|category|categoria|tags|filed under|last modified|atualizado)\b`)
)

// isBoilerplate reports whether a paragraph is page furniture: share and
// navigation labels, reading times, comment rules, copyright and rights
// lines, tag lists, contact lines for the author and wire-service credits.
func isBoilerplate(s string) bool {
	if len(s) > 400 {
		return false
	}
	key := strings.ToLower(strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) }))
	if furniture[key] || furniture[strings.TrimSuffix(key, ".")] {
		return true
	}
	if len(s) > 400 {
		return false
	}
	switch {
	case readingTimeRE.MatchString(s), tagsLineRE.MatchString(s), citationRE.MatchString(s):
		return true
	case len(s) < 250 && commentRE.MatchString(s) && commentRulesRE.MatchString(s):
		return true
	case len(s) < 200 && (copyrightRE.MatchString(s) || rightsRE.MatchString(s)):
		return true
	case len(s) < 300 && (contactRE.MatchString(s) || wireCreditRE.MatchString(s)):
		return true
	case len(s) < 200 && len(metaLabelRE.FindAllStringIndex(s, 3)) >= 2:
		return true
	}
	return false
}

// dateWords are the words of a dateline or time stamp in the languages
// newsgraph meets most: months, weekdays, clock words and labels.
var dateWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec
		monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
		am pm a m p gmt utc et est edt pst pdt cst cdt bst cet cest ist jst aest
		updated update published posted last modified on at by the of de del da do às as a le la el um em
		janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro
		segunda terça quarta quinta sexta sábado domingo feira
		enero febrero marzo mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
		lunes martes miércoles jueves viernes sábado domingo
		janvier février mars avril mai juin juillet août septembre octobre novembre décembre
		lundi mardi mercredi jeudi vendredi samedi dimanche mis à jour publié
		januar februar märz april mai juni juli august september oktober november dezember
		montag dienstag mittwoch donnerstag freitag samstag sonntag uhr aktualisiert veröffentlicht um
		gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre
		lunedì martedì mercoledì giovedì venerdì sabato domenica alle ore aggiornato pubblicato il
		h hrs hours hour ago minutes mins min yesterday today
		atualizado publicado actualizado`) {
		m[w] = true
	}
	return m
}()

// isDateLine reports whether a short paragraph is only a date or time
// stamp: "Monday, 18 November 2019 at 10:13", "Updated at 1:23 p.m.".
func isDateLine(s string) bool {
	if len(s) > 100 {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	digits := false
	for _, w := range words {
		if w[0] >= '0' && w[0] <= '9' {
			digits = true
			continue
		}
		if !dateWords[w] && !(strings.HasSuffix(w, "th") || strings.HasSuffix(w, "st") || strings.HasSuffix(w, "nd") || strings.HasSuffix(w, "rd")) || !dateWords[w] && !isOrdinal(w) {
			return false
		}
	}
	return digits && len(words) > 0
}

func isOrdinal(w string) bool {
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	return i > 0 && (w[i:] == "st" || w[i:] == "nd" || w[i:] == "rd" || w[i:] == "th")
}

var bylineRE = regexp.MustCompile(`^(?i:by|por|von|par|di|door|av|af)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|&|de|da|van|von|der|,))*)\s*(?:[,|–—-]\s*.{0,60})?$`)

// isBylineLine reports whether a paragraph is only the article's byline:
// "By Jane Doe", "By Jane Doe and John Roe, Staff Writers", or one of the
// page's declared authors.
func isBylineLine(s string, byline []string) bool {
	if len(s) > 120 {
		return false
	}
	for _, a := range byline {
		if strings.EqualFold(s, a) {
			return true
		}
	}
	m := bylineRE.FindStringSubmatch(s)
	if m == nil || strings.HasSuffix(s, ".") && !strings.HasSuffix(m[1], ".") {
		return false
	}
	for _, w := range wordsOf(m[1]) {
		if dateWords[w] && w != "de" && w != "da" {
			return false // "By Tuesday, …"
		}
	}
	return true
}

// markTitle marks the article's title, and the page's <h1>, where they open
// the text: extraction often keeps the headline above the first paragraph.
func markTitle(d *Doc, blocks []block, kinds []news.RemovedKind, src *source) {
	titles := append([]string{d.Title, src.title}, src.headings...)
	seen := 0
	afterTitle := false
	for i, b := range blocks {
		if kinds[i] != "" {
			continue
		}
		if seen++; seen > 3 {
			return
		}
		isT := false
		for _, t := range titles {
			if isTitle(b.text, t) {
				isT = true
				break
			}
		}
		switch {
		case isT:
			kinds[i] = news.RemovedTitle
			afterTitle = true
			continue
		case src.standfirsts[b.text] && len(b.text) < 400:
			// The summary line the page marks as such.
			kinds[i] = news.RemovedTitle
		case afterTitle && b.tag != "p" && isHeadingTag(b.tag) && isPrefixWords(b.text, src.description):
			// A standfirst set as a subheading under the headline: it
			// repeats the page's description.
			kinds[i] = news.RemovedTitle
		}
		afterTitle = false
	}
}

func isHeadingTag(tag string) bool {
	switch tag {
	case "h1", "h2", "h3", "h4", "h5", "h6", "head":
		return true
	}
	return false
}

// isPrefixWords reports whether the words of s are those of full or start
// it (descriptions are often cut short with an ellipsis, or s is).
func isPrefixWords(s, full string) bool {
	a, b := wordsOf(s), wordsOf(full)
	if len(a) < 4 || len(b) < 4 {
		return false
	}
	n := min(len(a), len(b))
	if n < len(a)-1 {
		return false
	}
	return equalWords(a[:n-1], b[:n-1])
}

// isTitle reports whether block is title, or title without the site name
// ("Headline | Site", "Site - Headline").
func isTitle(block, title string) bool {
	if title == "" || len(block) > 300 {
		return false
	}
	bt, tt := wordsOf(block), wordsOf(title)
	if len(bt) == 0 || len(bt) > len(tt) {
		return false
	}
	if len(bt) < 3 && len(bt) != len(tt) {
		return false
	}
	// The block must be the title's start or end.
	return equalWords(bt, tt[:len(bt)]) || equalWords(bt, tt[len(tt)-len(bt):])
}

func wordsOf(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Link lists. A paragraph that is entirely a link is, in a news article, a
// headline of another story; runs of them are "related stories" lists.
const (
	linkyShare   = 0.9 // share of a block's text inside links for it to count as a link
	maxLinkyText = 250 // longer link-only blocks are left alone
	minLinkyText = 20  // shorter ones ("[Reuters]", a name) are citations, not promotions
)

// markLinkLists marks link-only paragraphs as promotions, together with the
// short heading that introduces a run of them ("More stories").
func markLinkLists(blocks []block, kinds []news.RemovedKind, src *source) {
	listed := make([]bool, len(blocks)) // marked here as part of a list of links
	linky := func(i int) bool {
		// Headlines have words; a bare address or a name is a reference.
		t := blocks[i].text
		return len(t) <= maxLinkyText && strings.Count(t, " ") >= 2 && src.linkShare(t) >= linkyShare
	}
	for i := range blocks {
		if kinds[i] != "" || !linky(i) {
			continue
		}
		// Count the run of link-only blocks this one belongs to.
		run := 1
		for j := i + 1; j < len(blocks) && (linky(j) || kinds[j] != ""); j++ {
			if kinds[j] == "" {
				run++
			}
		}
		for j := i - 1; j >= 0 && (linky(j) || kinds[j] != ""); j-- {
			if kinds[j] == "" {
				run++
			}
		}
		if len(blocks[i].text) < minLinkyText && run < 3 {
			continue
		}
		kinds[i] = news.RemovedPromo
		listed[i] = true
		if run >= 2 && i > 0 && kinds[i-1] == "" && isIntro(blocks[i-1].text) {
			kinds[i-1] = news.RemovedPromo
		}
	}

	// A "More stories" heading and the list items under it.
	for i := 0; i < len(blocks); i++ {
		if kinds[i] != "" && kinds[i] != news.RemovedPromo || !promoHeadingRE.MatchString(blocks[i].text) {
			continue
		}
		kinds[i] = news.RemovedPromo
		for j := i + 1; j < len(blocks) && blocks[j].tag == "li" && len(blocks[j].text) < 300; j++ {
			kinds[j] = news.RemovedPromo
			listed[j] = true
			i = j
		}
	}

	// Teaser lines between promoted headlines: the summary under each
	// headline of a "related stories" block, down to the last one.
	inList := func(i int) bool { return i >= 0 && i < len(blocks) && listed[i] }
	var teasers []int
	for i := range blocks {
		if kinds[i] == "" && len(blocks[i].text) < 200 && inList(i-1) && (inList(i+1) || i == len(blocks)-1 && inList(i-3)) {
			teasers = append(teasers, i)
		}
	}
	for _, i := range teasers {
		kinds[i] = news.RemovedPromo
	}
}

// promoHeadingRE matches the heading of a list of other stories.
var promoHeadingRE = regexp.MustCompile(`(?i)^(?:more|other|related|recommended|top|latest|popular|trending|further|you may also like|you might also like|read next|what to read next|also on|also in|elsewhere on|editor'?s picks|editor’s picks|most read|most popular)\b.{0,40}\b(?:stories|articles|news|reads|reading|posts|coverage|videos|headlines|like|picks)\b\W{0,5}$`)

// isIntro reports whether a block reads like the heading of a list: short
// and without closing punctuation.
func isIntro(s string) bool {
	if len(s) > 80 {
		return false
	}
	s = strings.TrimRight(s, " ")
	return !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "\"") && !strings.HasSuffix(s, "”")
}

// isBreadcrumb reports whether a paragraph is a navigation trail:
// "News » World » Europe".
func isBreadcrumb(s string) bool {
	if len(s) > 200 {
		return false
	}
	n := 0
	for _, sep := range []string{" » ", " › ", " > ", " / ", " → "} {
		n += strings.Count(s, sep)
	}
	return n >= 2 && !strings.HasSuffix(s, ".")
}

// tagHeadings introduce a list of an article's tags or topics.
var tagHeadings = map[string]bool{
	"tags": true, "topics": true, "keywords": true, "related topics": true, "filed under": true,
	"categories": true, "more on": true, "etiquetas": true, "schlagwörter": true, "mots-clés": true,
}

// markTagLists marks the comma-separated list that follows a "Tags"
// heading.
func markTagLists(blocks []block, kinds []news.RemovedKind) {
	for i := 0; i+1 < len(blocks); i++ {
		key := strings.ToLower(strings.Trim(blocks[i].text, " :"))
		if !tagHeadings[key] {
			continue
		}
		kinds[i] = news.RemovedBoilerplate
		next := blocks[i+1].text
		if len(next) < 600 && strings.Count(next, ",") >= 2 && !strings.Contains(next, ". ") {
			kinds[i+1] = news.RemovedBoilerplate
		}
	}
}

var aboutRE = regexp.MustCompile(`^(?:About|ABOUT)\s+(?:the\s+(?:author|authors|writer|reporter|company|study|survey)\b|\p{Lu}[\p{L}\p{N}&.'’-]*(?:\s+\p{Lu}[\p{L}\p{N}&.'’-]*){0,4})\s*:?$`)

// markAboutSection marks an "About Acme Corp" section that closes an
// article (a press release's boilerplate, an author's biography) and
// everything after it.
func markAboutSection(blocks []block, kinds []news.RemovedKind) {
	for i := len(blocks) * 3 / 5; i < len(blocks); i++ {
		if kinds[i] != "" || !aboutRE.MatchString(blocks[i].text) {
			continue
		}
		for j := i; j < len(blocks); j++ {
			if kinds[j] == "" {
				kinds[j] = news.RemovedBoilerplate
			}
		}
		return
	}
}
