package parse

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Features are 32-bit hashes of a template number and the strings or
// values it combines. Strings are hashed once per sentence (FNV-1a); a
// template combines those with mix.

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func mix(a, b uint64) uint64 {
	h := (a ^ (b + 0x9E3779B97F4A7C15 + (a << 6) + (a >> 2))) * 0xBF58476D1CE4E5B9
	return h ^ (h >> 31)
}

// key turns a feature hash into a table key; 0 is reserved for empty slots.
func key(h uint64) uint32 {
	k := uint32(h>>32) ^ uint32(h)
	if k == 0 {
		k = 1
	}
	return k
}

// trainer is a multiclass averaged perceptron over hashed features. It
// keeps the running sum u of c·Δw so that the averaged weights are
// w − u/c (Daumé's trick), 8 bytes per weight.
type trainer struct {
	n    int
	idx  map[uint32]int32
	w, u []float32
	c    float32
}

func newTrainer(classes int) *trainer {
	return &trainer{n: classes, idx: map[uint32]int32{}, c: 1}
}

func (t *trainer) scores(feats []uint32, out []float32) {
	clear(out)
	for _, f := range feats {
		r, ok := t.idx[f]
		if !ok {
			continue
		}
		row := t.w[int(r)*t.n : int(r+1)*t.n]
		for c, v := range row {
			out[c] += v
		}
	}
}

func (t *trainer) row(f uint32) int {
	r, ok := t.idx[f]
	if !ok {
		r = int32(len(t.idx))
		t.idx[f] = r
		t.w = append(t.w, make([]float32, t.n)...)
		t.u = append(t.u, make([]float32, t.n)...)
	}
	return int(r) * t.n
}

// update moves the weights of feats towards class good and away from bad.
func (t *trainer) update(feats []uint32, good, bad int) {
	if good == bad {
		return
	}
	for _, f := range feats {
		o := t.row(f)
		t.w[o+good]++
		t.u[o+good] += t.c
		t.w[o+bad]--
		t.u[o+bad] -= t.c
	}
}

// tick counts one training example, for averaging.
func (t *trainer) tick() { t.c++ }

// freeze returns the averaged weights, quantised to 16 bits, without the
// features whose averaged weights all stay below prune in magnitude (in
// perceptron update units): those change few decisions and cost memory.
func (t *trainer) freeze(prune float32) *linear {
	maxAbs := float32(0)
	avg := make([]float32, len(t.w))
	for i := range t.w {
		avg[i] = t.w[i] - t.u[i]/t.c
		if a := float32(math.Abs(float64(avg[i]))); a > maxAbs {
			maxAbs = a
		}
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	var keys []uint32
	var w []int16
	for f, r := range t.idx {
		row := make([]int16, t.n)
		nz := false
		for c := range row {
			a := avg[int(r)*t.n+c]
			q := int16(math.Round(float64(a / scale)))
			row[c] = q
			nz = nz || (q != 0 && float32(math.Abs(float64(a))) >= prune)
		}
		if nz {
			keys = append(keys, f)
			w = append(w, row...)
		}
	}
	return newLinear(t.n, keys, w, scale)
}

// linear is a frozen model: an open-addressing table from feature key to a
// row of n quantised weights.
type linear struct {
	n     int
	slots []uint32 // 0: empty
	mask  uint32
	w     []int16
	scale float32
	size  int // number of features
}

func newLinear(n int, keys []uint32, w []int16, scale float32) *linear {
	size := 1
	for size < 2*len(keys)+2 {
		size <<= 1
	}
	m := &linear{n: n, slots: make([]uint32, size), mask: uint32(size - 1), w: make([]int16, size*n), scale: scale, size: len(keys)}
	for r, k := range keys {
		i := k & m.mask
		for m.slots[i] != 0 {
			i = (i + 1) & m.mask
		}
		m.slots[i] = k
		copy(m.w[int(i)*n:], w[r*n:(r+1)*n])
	}
	return m
}

// scores adds the weights of feats into out (len n), in quantised units.
func (m *linear) scores(feats []uint32, out []int32) {
	clear(out)
	n := m.n
	for _, f := range feats {
		i := f & m.mask
		for {
			s := m.slots[i]
			if s == f {
				row := m.w[int(i)*n : int(i)*n+n]
				for c, v := range row {
					out[c] += int32(v)
				}
				break
			}
			if s == 0 {
				break
			}
			i = (i + 1) & m.mask
		}
	}
}

// write stores m as: n, scale, count, then the keys in increasing order as
// varint deltas, then their rows of int16.
func (m *linear) write(w *bufio.Writer) error {
	type kr struct {
		k uint32
		i int
	}
	var rows []kr
	for i, k := range m.slots {
		if k != 0 {
			rows = append(rows, kr{k, i})
		}
	}
	slices.SortFunc(rows, func(a, b kr) int { return int(int64(a.k) - int64(b.k)) })
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) { w.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	put(uint64(m.n))
	binary.Write(w, binary.LittleEndian, m.scale)
	put(uint64(len(rows)))
	prev := uint32(0)
	for _, r := range rows {
		put(uint64(r.k - prev))
		prev = r.k
	}
	var b2 [2]byte
	for _, r := range rows {
		for _, v := range m.w[r.i*m.n : (r.i+1)*m.n] {
			binary.LittleEndian.PutUint16(b2[:], uint16(v))
			w.Write(b2[:])
		}
	}
	return nil
}

func readLinear(r *bytes.Reader) (*linear, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n == 0 || n > 1024 {
		return nil, fmt.Errorf("bad class count %d", n)
	}
	var scale float32
	if err := binary.Read(r, binary.LittleEndian, &scale); err != nil {
		return nil, err
	}
	cnt, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if cnt > 1<<26 || cnt > uint64(r.Len()) {
		return nil, errors.New("too many features")
	}
	keys := make([]uint32, cnt)
	prev := uint64(0)
	for i := range keys {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		prev += d
		if prev > math.MaxUint32 {
			return nil, errors.New("feature key out of range")
		}
		keys[i] = uint32(prev)
	}
	if 2*cnt*n > uint64(r.Len()) {
		return nil, errors.New("weights truncated")
	}
	raw := make([]byte, 2*int(cnt)*int(n))
	if _, err := io.ReadFull(r, raw); err != nil {
		return nil, err
	}
	w := make([]int16, int(cnt)*int(n))
	for i := range w {
		w[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
	}
	return newLinear(int(n), keys, w, scale), nil
}
