package extract

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// MaxPageBytes is the largest page (after decompression) [ReadPage] reads.
const MaxPageBytes = 20 << 20

// Item is one page of a benchmark's ground truth, or one prediction.
type Item struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url,omitempty"`
}

// LoadGold reads a ground-truth file: {"<id>": {"articleBody": …, "url": …}}.
func LoadGold(path string) (map[string]Item, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("extract: reading ground truth: %w", err)
	}
	var gold map[string]Item
	if err := json.Unmarshal(b, &gold); err != nil {
		return nil, fmt.Errorf("extract: ground truth %s: %w", path, err)
	}
	if len(gold) == 0 {
		return nil, fmt.Errorf("extract: ground truth %s holds no pages", path)
	}
	return gold, nil
}

// IDs returns the page IDs of gold in lexical order.
func IDs(gold map[string]Item) []string {
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// ReadPage reads DIR/<id>.html.gz, or DIR/<id>.html when there is no
// gzipped file.
func ReadPage(dir, id string) ([]byte, error) {
	path := filepath.Join(dir, id+".html.gz")
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		path = filepath.Join(dir, id+".html")
		f, err = os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("extract: page %s: %w", id, err)
		}
		defer f.Close()
		return readLimited(path, f)
	}
	if err != nil {
		return nil, fmt.Errorf("extract: page %s: %w", id, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("extract: %s: %w", path, err)
	}
	return readLimited(path, zr)
}

func readLimited(path string, r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxPageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("extract: %s: %w", path, err)
	}
	if len(b) > MaxPageBytes {
		return nil, fmt.Errorf("extract: %s: page over %d MiB", path, MaxPageBytes>>20)
	}
	return b, nil
}

// Score matches every gold page with its prediction (a missing prediction
// is an empty text) and returns the page scores in the order of ids and
// their summary.
func Score(gold, pred map[string]Item) (Metrics, map[string]Page) {
	pages := make(map[string]Page, len(gold))
	list := make([]Page, 0, len(gold))
	for _, id := range IDs(gold) {
		p := Match(gold[id].ArticleBody, pred[id].ArticleBody)
		pages[id] = p
		list = append(list, p)
	}
	return Summarise(list), pages
}
