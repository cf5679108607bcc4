// Command rhythms logs one line per tick to a file, at its own rhythm, until
// it is told to stop: the program behind tests/silences_programs.rs. Each
// line is written with its own write(2), so a line is in the file at the time
// it carries. On SIGUSR1 it logs a burst of repeated reconnect lines at once
// (what a client logs before it hangs); the test then stops it with SIGSTOP
// and lets it go on with SIGCONT. It ends on SIGTERM or after -for.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	out := flag.String("out", "", "log file to write")
	name := flag.String("name", "app", "component name in each line")
	every := flag.Duration("every", 50*time.Millisecond, "time between lines")
	jitter := flag.Float64("jitter", 0, "each interval varies by up to this share of -every")
	burst := flag.Int("burst", 20, "lines logged on SIGUSR1")
	life := flag.Duration("for", 20*time.Second, "stop after this long at the latest")
	hiccup := flag.Duration("hiccup", 0, "an ordinary longer wait (a GC, a slow disk) ...")
	hiccupEvery := flag.Int("hiccup-every", 0, "... taken every this many lines (0: never)")
	stdlog := flag.Bool("stdlog-time", false, "write lines through Go's log with Ltime|Lmicroseconds: a time of day in the local zone, no date")
	flag.Parse()

	f, err := os.OpenFile(*out, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	var std *log.Logger
	if *stdlog {
		std = log.New(f, "", log.Ltime|log.Lmicroseconds)
	}
	logf := func(level, format string, args ...interface{}) {
		if std != nil {
			std.Printf("%s %s: %s", level, *name, fmt.Sprintf(format, args...))
			return
		}
		stamp := time.Now().UTC().Format("2006-01-02T15:04:05.000Z07:00")
		fmt.Fprintf(f, "%s %s %s: %s\n", stamp, level, *name, fmt.Sprintf(format, args...))
	}

	sig := make(chan os.Signal, 4)
	signal.Notify(sig, syscall.SIGUSR1, syscall.SIGTERM)
	deadline := time.After(*life)
	rng := rand.New(rand.NewSource(int64(os.Getpid())))
	next := func() time.Duration {
		d := float64(*every) * (1 + *jitter*(2*rng.Float64()-1))
		return time.Duration(d)
	}
	timer := time.NewTimer(next())
	attempts := 0
	logf("INFO", "started, one line every %v", *every)
	for n := 1; ; n++ {
		select {
		case s := <-sig:
			if s == syscall.SIGTERM {
				logf("INFO", "stopping")
				return
			}
			for i := 0; i < *burst; i++ {
				attempts++
				logf("WARN", "ws reconnect attempt %d failed: connection refused", attempts)
			}
		case <-deadline:
			logf("INFO", "stopping")
			return
		case <-timer.C:
			logf("INFO", "tick %d: %d items in queue", n, rng.Intn(40))
			wait := next()
			if *hiccupEvery > 0 && n%*hiccupEvery == 0 {
				wait += *hiccup
			}
			timer.Reset(wait)
		}
	}
}
