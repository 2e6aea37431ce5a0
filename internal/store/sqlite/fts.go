package sqlite

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
)

// ftsQuery renders a parsed query as an FTS5 MATCH expression. Every word
// is a double-quoted FTS5 string, so no user input is ever read as FTS5
// syntax (column filters, NEAR, operators): a query can only fail to match,
// never fail to parse. It returns "" for a query with no positive term.
func ftsQuery(q store.Query) string {
	if q.Empty() {
		return ""
	}
	var b strings.Builder
	term := func(t store.Term) {
		b.WriteByte('"')
		for i, w := range t.Words {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strings.ReplaceAll(w, `"`, `""`))
		}
		b.WriteByte('"')
		if t.Prefix {
			b.WriteByte('*')
		}
	}
	for i, g := range q.All {
		if i > 0 {
			b.WriteString(" AND ")
		}
		b.WriteByte('(')
		for j, t := range g {
			if j > 0 {
				b.WriteString(" OR ")
			}
			term(t)
		}
		b.WriteByte(')')
	}
	for _, t := range q.None {
		b.WriteString(" NOT ")
		term(t)
	}
	return b.String()
}
