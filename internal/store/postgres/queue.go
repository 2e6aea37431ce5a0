package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsgraph/newsgraph/internal/store"
)

// Staged is an annotated article (or a failed message) a queue worker left
// for the resolver.
type Staged struct {
	Seq    uint64
	Doc    string
	Record []byte // nil for a failed message
	Failed string
}

// Stage records the outcome of queue message seq of stream: an annotated
// article's record, or why the message failed. Staging the same message
// twice (a redelivery) keeps the first.
func (s *Store) Stage(ctx context.Context, stream string, st Staged) error {
	if st.Record != nil {
		rec, err := store.PackRecord(st.Record)
		if err != nil {
			return fmt.Errorf("postgres: staging message %d: %w", st.Seq, err)
		}
		st.Record = rec
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO queue_staged (stream, seq, doc, record, failed) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (stream, seq) DO NOTHING`, stream, int64(st.Seq), txt(st.Doc), st.Record, txt(st.Failed))
	if err != nil {
		return fmt.Errorf("postgres: staging message %d: %w", st.Seq, err)
	}
	return nil
}

// StagedAfter returns up to limit staged messages of stream with a
// sequence above after, in sequence order.
func (s *Store) StagedAfter(ctx context.Context, stream string, after uint64, limit int) ([]Staged, error) {
	rows, err := s.pool.Query(ctx, `SELECT seq, doc, record, failed FROM queue_staged WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
		stream, int64(after), limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: reading staged messages: %w", err)
	}
	defer rows.Close()
	var out []Staged
	for rows.Next() {
		var st Staged
		var seq int64
		if err := rows.Scan(&seq, &st.Doc, &st.Record, &st.Failed); err != nil {
			return nil, fmt.Errorf("postgres: reading staged messages: %w", err)
		}
		st.Seq = uint64(seq)
		if st.Record != nil {
			if st.Record, err = store.UnpackRecord(st.Record); err != nil {
				return nil, fmt.Errorf("postgres: staged message %d: %w", seq, err)
			}
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// IsStaged reports whether message seq of stream is staged.
func (s *Store) IsStaged(ctx context.Context, stream string, seq uint64) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM queue_staged WHERE stream = $1 AND seq = $2)", stream, int64(seq)).Scan(&ok)
	return ok, err
}

// Cursor returns the sequence up to which stream's messages are applied
// (0 for a stream never seen).
func (s *Store) Cursor(ctx context.Context, stream string) (uint64, error) {
	var seq int64
	err := s.pool.QueryRow(ctx, "SELECT seq FROM queue_cursor WHERE stream = $1", stream).Scan(&seq)
	if isNoRows(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("postgres: reading the queue cursor: %w", err)
	}
	return uint64(seq), nil
}

// Advance moves stream's cursor from old to seq and drops the staged
// messages up to seq, in one transaction. It fails if the cursor is not
// at old (another resolver moved it).
func (s *Store) Advance(ctx context.Context, stream string, old, seq uint64) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO queue_cursor (stream, seq) VALUES ($1, $3)
			ON CONFLICT (stream) DO UPDATE SET seq = EXCLUDED.seq WHERE queue_cursor.seq = $2`, stream, int64(old), int64(seq))
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return fmt.Errorf("the cursor of %s moved past %d: another resolver is running", stream, old)
		}
		_, err = tx.Exec(ctx, "DELETE FROM queue_staged WHERE stream = $1 AND seq <= $2", stream, int64(seq))
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: advancing the queue cursor: %w", err)
	}
	return nil
}

// resolverLock is the advisory lock a resolver holds for its session.
const resolverLock = 0x4e477068_0003

// Lock is a session-level advisory lock held on its own connection.
type Lock struct {
	conn *pgxpool.Conn
}

// TryResolverLock takes the resolver lock if no other session holds it.
// It returns nil, nil when another session does.
func (s *Store) TryResolverLock(ctx context.Context) (*Lock, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	var ok bool
	if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", int64(resolverLock)).Scan(&ok); err != nil {
		conn.Release()
		return nil, fmt.Errorf("postgres: taking the resolver lock: %w", err)
	}
	if !ok {
		conn.Release()
		return nil, nil
	}
	return &Lock{conn: conn}, nil
}

// Check reports an error when the lock's session is gone (a session
// lock lives as long as its connection).
func (l *Lock) Check(ctx context.Context) error {
	if err := l.conn.Ping(ctx); err != nil {
		return fmt.Errorf("postgres: the resolver lock's session: %w", err)
	}
	return nil
}

// Release gives the lock back.
func (l *Lock) Release() {
	l.conn.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", int64(resolverLock))
	l.conn.Release()
}
