// gendump writes a real goroutine dump of a program with -n goroutines, for
// casefile's goroutine benchmark (benches/goroutines.sh): the goroutines wait
// in a handful of shapes (a lost mutex, channel receives, selects, sleeps,
// a WaitGroup), so the dump has a few large groups and the runtime's own.
// Standard library only; nothing listens on the network. The pprof handler
// stops at 64 MB of text (about 180,000 goroutines), so a million goroutines
// are printed by the runtime on SIGQUIT (-sigquit), which has no such limit.
package main

import (
	"flag"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"syscall"
	"time"
)

var (
	n     = flag.Int("n", 100000, "goroutines to start")
	out   = flag.String("o", "goroutines.txt", "where the dump goes")
	debug = flag.Int("debug", 2, "pprof debug level: 2 (every goroutine) or 1 (aggregated)")
	quit  = flag.Bool("sigquit", false, "print the dump to stderr the way SIGQUIT does (pprof stops at 64 MB of text)")
)

type store struct{ mu sync.Mutex }

func (s *store) put(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_ = v
}

func waitOnLock(s *store, i int, started *sync.WaitGroup) { started.Done(); s.put(i) }

func receive(ch chan int, started *sync.WaitGroup) { started.Done(); <-ch }

func poll(ch chan int, stop chan struct{}, started *sync.WaitGroup) {
	started.Done()
	select {
	case <-ch:
	case <-stop:
	}
}

func nap(started *sync.WaitGroup) { started.Done(); time.Sleep(time.Hour) }

func join(wg *sync.WaitGroup, started *sync.WaitGroup) { started.Done(); wg.Wait() }

func main() {
	flag.Parse()
	s := &store{}
	s.mu.Lock() // never unlocked
	ch := make(chan int)
	stop := make(chan struct{})
	var never sync.WaitGroup
	never.Add(1)
	var started sync.WaitGroup
	started.Add(*n)
	for i := 0; i < *n; i++ {
		switch i % 10 {
		case 0, 1, 2, 3:
			go waitOnLock(s, i, &started)
		case 4, 5:
			go receive(ch, &started)
		case 6, 7:
			go poll(ch, stop, &started)
		case 8:
			go nap(&started)
		default:
			go join(&never, &started)
		}
	}
	started.Wait()
	time.Sleep(500 * time.Millisecond)
	runtime.GC()
	if *quit {
		_ = syscall.Kill(os.Getpid(), syscall.SIGQUIT)
		time.Sleep(time.Hour)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.Lookup("goroutine").WriteTo(f, *debug); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
