package postgres

import (
	"context"
	"strconv"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/newsgraph/newsgraph/internal/store"
)

// tsQuery renders a parsed query as to_tsquery input. Every word is a
// quoted lexeme: ParseQuery keeps only letters, digits and combining marks
// in words, so no user input is ever read as tsquery syntax and a query
// can only fail to match, never fail to parse. Phrases join their words
// with <->, a prefix term ends in :*. It returns "" for a query with no
// positive term.
func tsQuery(q store.Query) string {
	if q.Empty() {
		return ""
	}
	var b strings.Builder
	term := func(t store.Term) {
		b.WriteByte('(')
		for i, w := range t.Words {
			if i > 0 {
				b.WriteString(" <-> ")
			}
			b.WriteString("'" + strings.ReplaceAll(strings.ReplaceAll(w, `\`, `\\`), "'", "''") + "'")
			if t.Prefix && i == len(t.Words)-1 {
				b.WriteString(":*")
			}
		}
		b.WriteByte(')')
	}
	for i, g := range q.All {
		if i > 0 {
			b.WriteString(" & ")
		}
		b.WriteByte('(')
		for j, t := range g {
			if j > 0 {
				b.WriteString(" | ")
			}
			term(t)
		}
		b.WriteByte(')')
	}
	for _, t := range q.None {
		b.WriteString(" & !")
		term(t)
	}
	return b.String()
}

// ftsWords returns s with every run of characters other than letters,
// digits and combining marks replaced by one space: the words
// store.ParseQuery finds in a query, so that documents and queries are
// split alike (documents.tsv is to_tsvector of this; migration 004).
func ftsWords(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

// headlineOptions are ts_headline's: the private-use markers around
// matches, about 32 words, up to two fragments.
const headlineOptions = `StartSel="` + store.MarkOpen + `", StopSel="` + store.MarkClose + `", MaxWords=24, MinWords=12, MaxFragments=2, FragmentDelimiter=" ` + store.Ellipsis + ` "`

// numbered rewrites the ? placeholders of a filter as ?from, ?from+1, …
// so it can follow numbered placeholders in one query.
func numbered(where string, from int) string {
	var b strings.Builder
	for i := 0; i < len(where); i++ {
		if where[i] == '?' {
			b.WriteString("?" + strconv.Itoa(from))
			from++
			continue
		}
		b.WriteByte(where[i])
	}
	return b.String()
}

// placeholders returns n comma-separated placeholders.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}

func (s *Store) queryRow(ctx context.Context, q string, args ...any) pgx.Row {
	return s.pool.QueryRow(ctx, rebind(q), args...)
}

func (s *Store) query(ctx context.Context, q string, args ...any) (pgx.Rows, error) {
	return s.pool.Query(ctx, rebind(q), args...)
}
