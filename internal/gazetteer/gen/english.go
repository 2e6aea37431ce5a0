package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/gazetteer"
)

// englishPkg is the Debian package whose English message catalogue maps
// GeoNames IDs to the English names GeoNames records for them ("2660646" →
// "Geneva", "2867714" → "Munich"). The catalogue is GeoNames data, CC BY 4.0.
const (
	englishPkg = "libgeonames-common"
	englishMO  = "usr/share/locale/en/LC_MESSAGES/geonames.mo"
)

// fetchEnglish downloads and unpacks englishPkg into dir and returns the
// path of its English catalogue.
func fetchEnglish(dir string) (string, error) {
	cmd := exec.Command("apt-get", "download", englishPkg)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("apt-get download %s: %w", englishPkg, err)
	}
	debs, _ := filepath.Glob(filepath.Join(dir, englishPkg+"_*.deb"))
	if len(debs) == 0 {
		return "", fmt.Errorf("apt-get download %s: no .deb", englishPkg)
	}
	x := exec.Command("dpkg-deb", "-x", debs[0], filepath.Join(dir, englishPkg))
	x.Stderr = os.Stderr
	if err := x.Run(); err != nil {
		return "", fmt.Errorf("dpkg-deb -x %s: %w", debs[0], err)
	}
	return filepath.Join(dir, englishPkg, filepath.FromSlash(englishMO)), nil
}

// readMO reads a GNU gettext message catalogue (.mo): every original
// string with its translation. Plural forms keep their first form.
func readMO(b []byte) (map[string]string, error) {
	if len(b) < 28 {
		return nil, errors.New("mo: too short")
	}
	var bo binary.ByteOrder
	switch binary.LittleEndian.Uint32(b) {
	case 0x950412de:
		bo = binary.LittleEndian
	case 0xde120495:
		bo = binary.BigEndian
	default:
		return nil, errors.New("mo: bad magic")
	}
	n := int(bo.Uint32(b[8:]))
	orig, trans := int(bo.Uint32(b[12:])), int(bo.Uint32(b[16:]))
	str := func(table, i int) (string, error) {
		p := table + 8*i
		if p < 0 || p+8 > len(b) {
			return "", errors.New("mo: table out of range")
		}
		l, off := int(bo.Uint32(b[p:])), int(bo.Uint32(b[p+4:]))
		if off < 0 || l < 0 || off+l > len(b) {
			return "", errors.New("mo: string out of range")
		}
		s := string(b[off : off+l])
		if j := strings.IndexByte(s, 0); j >= 0 {
			s = s[:j]
		}
		return s, nil
	}
	if n < 0 || n > len(b)/8 {
		return nil, errors.New("mo: bad string count")
	}
	out := make(map[string]string, n)
	for i := 0; i < n; i++ {
		k, err := str(orig, i)
		if err != nil {
			return nil, err
		}
		v, err := str(trans, i)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

// addEnglishNames gives every entry with a GeoNames ID the English name
// GeoNames records for it as an alias, where it differs from the entry's
// names ("Genève" gets "Geneva", "Zaporizhia" gets "Zaporizhzhya"). It
// returns how many aliases it added.
func addEnglishNames(entries []gazetteer.Entry, names map[string]string) int {
	added := 0
	for i := range entries {
		e := &entries[i]
		if e.GeoNames == 0 {
			continue
		}
		en := clean(strings.TrimSpace(names[strconv.Itoa(e.GeoNames)]))
		if en == "" || genericAlias(en) {
			continue
		}
		k := gazetteer.Key(en)
		dup := k == gazetteer.Key(e.Name)
		for _, a := range e.Aliases {
			dup = dup || k == gazetteer.Key(a)
		}
		if !dup {
			e.Aliases = append(e.Aliases, en)
			added++
		}
	}
	return added
}

// genericWords are English words that some sources give as a place's
// alternative name ("city" for Sana'a's governorate, "Ísland" for Iceland)
// and that news uses as common nouns ("Abode of Peace" gives Brunei the
// alias "Peace", which would make "Peace Plan" a place): never aliases.
var genericWords = map[string]bool{"city": true, "island": true, "islands": true, "state": true, "republic": true,
	"kingdom": true, "union": true, "capital": true, "region": true, "province": true, "town": true, "district": true,
	"peace": true, "mann": true}

// genericAlias reports whether a name is a lower-case word or a generic
// English noun, which must not become an alias.
func genericAlias(s string) bool {
	if s == "" {
		return true
	}
	if r := []rune(s)[0]; r >= 'a' && r <= 'z' {
		return true
	}
	return genericWords[gazetteer.Key(s)]
}
