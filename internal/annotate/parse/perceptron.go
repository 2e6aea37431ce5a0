package parse

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
)

// Perceptron is a multiclass averaged perceptron over hashed features, the
// learner the parser uses, for other stages' classifiers (the event
// stage's trigger detector).
type Perceptron struct{ t *trainer }

// NewPerceptron returns an untrained perceptron over classes classes.
func NewPerceptron(classes int) *Perceptron { return &Perceptron{newTrainer(classes)} }

// Scores writes the current (not averaged) score of each class into out.
func (p *Perceptron) Scores(feats []uint32, out []float32) { p.t.scores(feats, out) }

// Update moves the weights of feats towards class good and away from bad.
func (p *Perceptron) Update(feats []uint32, good, bad int) { p.t.update(feats, good, bad) }

// Tick counts one training example (for averaging).
func (p *Perceptron) Tick() { p.t.tick() }

// Freeze returns the averaged, quantised model (see TrainOptions.Prune).
func (p *Perceptron) Freeze(prune float32) *Linear { return &Linear{p.t.freeze(prune)} }

// Linear is a frozen [Perceptron].
type Linear struct{ l *linear }

// Classes returns the number of classes.
func (l *Linear) Classes() int { return l.l.n }

// Scores writes each class's score into out (len Classes()), in units of
// perceptron updates.
func (l *Linear) Scores(feats []uint32, out []float32) {
	var buf [64]int32
	sc := buf[:l.l.n]
	if l.l.n > len(buf) {
		sc = make([]int32, l.l.n)
	}
	l.l.scores(feats, sc)
	for i, v := range sc {
		out[i] = float32(v) * l.l.scale
	}
}

// WriteTo writes l gzipped; the count is of bytes before compression.
func (l *Linear) WriteTo(w io.Writer) (int64, error) {
	var raw bytes.Buffer
	bw := bufio.NewWriter(&raw)
	bw.WriteString("NGLIN1")
	l.l.write(bw)
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	n, err := zw.Write(raw.Bytes())
	if err != nil {
		return int64(n), err
	}
	return int64(n), zw.Close()
}

// ReadLinear reads a model written by [Linear.WriteTo].
func ReadLinear(r io.Reader) (*Linear, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(raw, []byte("NGLIN1")) {
		return nil, io.ErrUnexpectedEOF
	}
	l, err := readLinear(bytes.NewReader(raw[6:]))
	if err != nil {
		return nil, err
	}
	return &Linear{l}, nil
}

// Feature hashes a feature given as strings.
func Feature(parts ...string) uint32 {
	h := uint64(0x6e657773)
	for _, p := range parts {
		h = mix(h, hashString(p))
	}
	return key(h)
}
