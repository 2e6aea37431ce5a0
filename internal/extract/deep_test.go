package extract

import (
	"errors"
	"strings"
	"testing"
)

// TestDeepNesting: a page nested 100,000 deep is refused as too deep, not
// as "not HTML".
func TestDeepNesting(t *testing.T) {
	page := "<html><body>" + strings.Repeat("<div>", 100000) + "<p>The council met on Monday.</p>" + strings.Repeat("</div>", 100000) + "</body></html>"
	_, err := HTML([]byte(page), "")
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "nested") {
		t.Errorf("HTML(100,000 deep) error = %v; want ErrTooLarge naming the nesting", err)
	}
}
