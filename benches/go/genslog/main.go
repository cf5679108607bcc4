// genslog writes a JSON log as a real service using log/slog writes it
// (JSONHandler, AddSource): each call site logs its own message with its own
// attributes, so a record's "source" goes with its message, as in a real
// program. casefile's pattern benchmark (benches/patterns.sh --slog, issue 14's
// figure) mines it beside the generated nested log, whose call sites are drawn
// at random for every record. Times come from a simulated clock (ReplaceAttr),
// steps drawn from a fixed seed, so every run writes the same bytes but for
// nothing. Standard library only; needs Go 1.21 or newer (log/slog).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log/slog"
	"math/rand"
	"os"
	"time"
)

var (
	size = flag.Int64("size", 1<<30, "bytes to write (the last record may pass it)")
	out  = flag.String("o", "slog-1g.log", "where the log goes")
)

// counter counts the bytes written through it.
type counter struct {
	w *bufio.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return c.w.Write(p)
}

var (
	rng   = rand.New(rand.NewSource(14))
	now   = time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	peers = []string{"10.0.3.17:6379", "10.0.3.18:6379", "10.0.7.2:5432", "10.0.9.41:9092"}
	users = []string{"alice", "bob", "carol", "dave", "erin", "frank"}
	paths = []string{"/api/v2/orders", "/api/v2/users", "/api/v2/search", "/healthz", "/api/v2/cart"}
	errs  = []string{"context deadline exceeded", "connection refused", "EOF", "i/o timeout", "broken pipe"}
	topic = []string{"orders", "payments", "audit"}
)

func pick(s []string) string { return s[rng.Intn(len(s))] }
func id() string             { return fmt.Sprintf("%016x", rng.Uint64()) }
func ms() time.Duration      { return time.Duration(rng.Intn(3000)) * time.Millisecond }

type api struct{ log *slog.Logger }
type store struct{ log *slog.Logger }
type consumer struct{ log *slog.Logger }
type pool struct{ log *slog.Logger }

func (a api) served() {
	a.log.Info("request served", "method", "GET", "path", pick(paths), "status", 200,
		"duration", ms(), "req", slog.GroupValue(slog.String("id", id()), slog.String("user", pick(users))))
}
func (a api) created() {
	a.log.Info("request served", "method", "POST", "path", pick(paths), "status", 201,
		"duration", ms(), "bytes", rng.Intn(90000))
}
func (a api) failed() {
	a.log.Error("request failed", "path", pick(paths), "status", 500, "err", pick(errs), "req_id", id())
}
func (a api) slow() {
	a.log.Warn(fmt.Sprintf("slow request took %dms", rng.Intn(9000)), "path", pick(paths))
}
func (a api) auth() {
	a.log.Info("user logged in", "user", pick(users), "session", id(), "mfa", rng.Intn(2) == 0)
}
func (a api) denied() {
	a.log.Warn("permission denied", "user", pick(users), "resource", pick(paths), "role", "viewer")
}
func (s store) query() {
	s.log.Debug(fmt.Sprintf("query returned %d rows in %s", rng.Intn(70000), ms()), "table", pick(topic))
}
func (s store) txn() {
	s.log.Info("transaction committed", "txn", rng.Intn(1e7), "statements", rng.Intn(40), "duration", ms())
}
func (s store) deadlock() {
	s.log.Error("deadlock detected, retrying", "txn", rng.Intn(1e7), "attempt", rng.Intn(5), "err", "pq: deadlock detected")
}
func (s store) checkpoint() {
	s.log.Info(fmt.Sprintf("checkpoint complete: wrote %d buffers (%d.%d%%)", rng.Intn(9000), rng.Intn(100), rng.Intn(10)))
}
func (c consumer) got() {
	c.log.Debug("message received", "topic", pick(topic), "partition", rng.Intn(12), "offset", rng.Int63n(1e9))
}
func (c consumer) committed() {
	c.log.Info("offsets committed", "topic", pick(topic), "partition", rng.Intn(12), "offset", rng.Int63n(1e9))
}
func (c consumer) rebalance() {
	c.log.Warn("consumer group rebalancing", "group", "billing", "generation", rng.Intn(900), "members", rng.Intn(8)+1)
}
func (c consumer) bad() {
	c.log.Error("cannot decode message", "topic", pick(topic), "offset", rng.Int63n(1e9), "err", "proto: cannot parse invalid wire-format data")
}
func (p pool) dial() {
	p.log.Info("connection opened", "peer", pick(peers), "conns", rng.Intn(64))
}
func (p pool) reap() {
	p.log.Debug("reaper closed idle connections", "closed", rng.Intn(10), "idle", rng.Intn(64), "wait", ms())
}
func (p pool) lost() {
	p.log.Warn("connection lost, reconnecting", "peer", pick(peers), "err", pick(errs), "backoff", ms())
}
func (p pool) stats() {
	p.log.Debug(fmt.Sprintf("pool stats: active=%d idle=%d waiting=%d", rng.Intn(64), rng.Intn(64), rng.Intn(9)), "peer", pick(peers))
}

func main() {
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := &counter{w: bufio.NewWriterSize(f, 1<<20)}
	h := slog.NewJSONHandler(w, &slog.HandlerOptions{
		AddSource: true,
		Level:     slog.LevelDebug,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Time(slog.TimeKey, now)
			}
			return a
		},
	})
	root := slog.New(h)
	a := api{root.With("service", "api")}
	s := store{root.With("service", "store")}
	c := consumer{root.With("service", "consumer")}
	p := pool{root.With("service", "pool")}
	// Weights: request lines most, errors rare, as a service logs them.
	sites := []struct {
		weight int
		call   func()
	}{
		{30, a.served}, {10, a.created}, {2, a.failed}, {3, a.slow}, {4, a.auth}, {1, a.denied},
		{12, s.query}, {6, s.txn}, {1, s.deadlock}, {1, s.checkpoint},
		{12, c.got}, {4, c.committed}, {1, c.rebalance}, {1, c.bad},
		{3, p.dial}, {5, p.reap}, {1, p.lost}, {3, p.stats},
	}
	total := 0
	for _, s := range sites {
		total += s.weight
	}
	for w.n < *size {
		now = now.Add(time.Duration(rng.Intn(40)) * time.Millisecond)
		k := rng.Intn(total)
		for _, s := range sites {
			if k < s.weight {
				s.call()
				break
			}
			k -= s.weight
		}
	}
	if err := w.w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	f.Close()
}
