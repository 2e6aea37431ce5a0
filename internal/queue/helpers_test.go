package queue_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/queue"
	"github.com/newsgraph/newsgraph/internal/store/postgres"
	"github.com/newsgraph/newsgraph/internal/store/postgres/pgtest"
)

// natsEnv names the NATS servers the tests use; .ci/run sets it.
const natsEnv = "NEWSGRAPH_NATS_URL"

// natsURL returns the NATS servers for a test, or skips it.
func natsURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(natsEnv)
	if u == "" {
		t.Skipf("%s is not set: skipping the NATS JetStream test (.ci/run starts a cluster and sets it)", natsEnv)
	}
	return u
}

// queueName returns a queue name no other test uses, and removes its
// streams when the test ends.
func queueName(t testing.TB, url string) string {
	t.Helper()
	var b [4]byte
	rand.Read(b[:])
	name := "t" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		nc, err := nats.Connect(url)
		if err != nil {
			return
		}
		defer nc.Close()
		js, err := jetstream.New(nc)
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		up := strings.ToUpper(name)
		js.DeleteStream(ctx, up+"_RAW")
		js.DeleteStream(ctx, up+"_DEAD")
	})
	return name
}

var (
	firstNames = []string{"Pavel", "Anna", "Ales", "Olga", "Ihar", "Maria", "Dmitri", "Sofia"}
	lastNames  = []string{"Kovalenko", "Shevchuk", "Lysenko", "Bondar", "Tkachenko", "Moroz", "Kravets"}
	cities     = []string{"Warsaw", "Minsk", "Kyiv", "Vilnius", "Riga", "Lviv", "Gdansk"}
	orgs       = []string{"the Red Cross", "the United Nations", "the European Commission", "NATO", "the Interior Ministry"}
	topics     = []string{"the border crossings", "the new budget", "energy prices", "the railway line", "grain exports"}
)

// writeCorpus writes n generated news articles as JSON Lines; articles
// i and i+1 (i%10 == 0) report the same event, so stories form.
func writeCorpus(t testing.TB, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for i := range n {
		r := mrand.New(mrand.NewPCG(uint64(i/2*2), 7))
		pick := func(l []string) string { return l[r.IntN(len(l))] }
		person := pick(firstNames) + " " + pick(lastNames)
		city, org, topic := pick(cities), pick(orgs), pick(topics)
		var b strings.Builder
		fmt.Fprintf(&b, "%s met %s in %s on Tuesday to discuss %s, officials said. ", person, org, city, topic)
		fmt.Fprintf(&b, "“We expect a decision on %s by May %d,” %s told reporters in %s. ", topic, 1+r.IntN(28), person, city)
		if i%2 == 1 {
			fmt.Fprintf(&b, "Report %d adds that %s and %s will meet again in %s.", i, pick(orgs), pick(lastNames), pick(cities))
		} else {
			fmt.Fprintf(&b, "Item %d: about %d people attended the talks in %s.", i, 100+r.IntN(900), city)
		}
		rec := map[string]string{"title": fmt.Sprintf("%s talks on %s (%d)", city, topic, i), "text": b.String(),
			"outlet": fmt.Sprintf("Outlet %d", i%5), "published": fmt.Sprintf("2024-03-%02d", 1+i%20)}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// singleProcess ingests paths in one process into a new database and
// returns its URL: the store the workers must build.
func singleProcess(t *testing.T, paths ...string) string {
	t.Helper()
	ctx := context.Background()
	u := pgtest.NewDB(t)
	st, err := postgres.Open(ctx, u, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := ingest.Run(ctx, st, paths, ingest.Options{Version: "test"}); err != nil {
		t.Fatalf("single-process ingest: %v", err)
	}
	return u
}

// dump returns the cross-article tables of a store in a comparable form:
// global entities with their IDs, names and counts, aliases, the links
// from entities to documents, stories with their documents, and the
// document IDs.
func dump(t *testing.T, dbURL string) map[string][]string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	out := map[string][]string{}
	for name, q := range map[string]string{
		"entities":         "SELECT rowid, name, type, country, mentions, documents FROM entities ORDER BY rowid",
		"entity_aliases":   "SELECT entity, alias, documents FROM entity_aliases ORDER BY entity, alias",
		"entity_documents": "SELECT ed.entity, d.id, ed.local_id, ed.mentions FROM entity_documents ed JOIN documents d ON d.rowid = ed.doc ORDER BY 1, 2",
		"stories":          "SELECT s.id, s.title, d.id, sd.duplicate_of FROM story_documents sd JOIN stories s ON s.rowid = sd.story JOIN documents d ON d.rowid = sd.doc ORDER BY 1, 3",
		"documents":        "SELECT id FROM documents ORDER BY id",
		"mentions":         "SELECT d.id, m.ord, coalesce(m.entity, 0) FROM mentions m JOIN documents d ON d.rowid = m.doc ORDER BY 1, 2",
	} {
		rows, err := conn.Query(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for rows.Next() {
			vals, err := rows.Values()
			if err != nil {
				t.Fatal(err)
			}
			out[name] = append(out[name], fmt.Sprint(vals...))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// sameStore fails the test unless the two stores hold the same
// cross-article tables.
func sameStore(t *testing.T, want, got string) {
	t.Helper()
	w, g := dump(t, want), dump(t, got)
	for _, table := range []string{"documents", "entities", "entity_aliases", "entity_documents", "mentions", "stories"} {
		if diff := cmp.Diff(w[table], g[table]); diff != "" {
			t.Errorf("%s differ from a single-process ingest (-single +workers):\n%s", table, diff)
		}
	}
	if len(w["entities"]) == 0 || len(w["stories"]) == 0 {
		t.Errorf("the single-process store has %d entities and %d story rows; the test corpus should give both", len(w["entities"]), len(w["stories"]))
	}
}

// connect opens the queue for a test.
func connect(t testing.TB, url, name string) *queue.Queue {
	t.Helper()
	q, err := queue.Connect(context.Background(), url, queue.Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

// openStore opens a new PostgreSQL store for a test.
func openStore(t testing.TB) (*postgres.Store, string) {
	t.Helper()
	u := pgtest.NewDB(t)
	st, err := postgres.Open(context.Background(), u, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, u
}

func tempFile(t testing.TB, name string) string {
	return filepath.Join(t.TempDir(), name)
}
