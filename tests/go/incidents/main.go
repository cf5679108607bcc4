// incidents reproduces, with the standard library only and on loopback only,
// the goroutine incidents casefile's dump reader must explain (issue 15):
//
//	mutex    a Broker whose rare path returns without Unlock: hundreds of senders wait on its mutex
//	reaper   a per-request reaper goroutine that never ends: two dumps, the second with more
//	panic    a worker goroutine dereferences a nil field and takes the process down
//	deadlock every goroutine waits: the runtime reports a deadlock
//	mapwrites two goroutines write one map: the runtime reports concurrent map writes
//	nested   a deferred cleanup panics while the first panic unwinds
//	repanic  a recovered panic is panicked again (Go 1.23+ prints [recovered, repanicked])
//	repanicflush the same, then a deferred flush panics while the repanic unwinds
//	chans    consumers wait on one channel (two ways: <-c and range), producers on another, a few in select
//	labels   workers started under pprof.Do with goroutine labels (two tenants, one stack), and a flusher
//
// Dumps are written by fetching /debug/pprof/goroutine?debug=2 and ?debug=1
// from the program's own loopback server (-out DIR), which answers once every
// other goroutine waits (settlingServer), or printed by the runtime on SIGQUIT
// (-sigquit). Every run ends by itself within seconds.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var (
	scenario = flag.String("scenario", "mutex", "mutex, held, pkgheld, fnheld, pkgbusy, reaper, panic, deadlock, mapwrites, nested, repanic, repanicflush or panicmany")
	out      = flag.String("out", ".", "directory the dumps are written to")
	waiters  = flag.Int("waiters", 300, "mutex: goroutines that pile up on the lost lock")
	requests = flag.Int("requests", 40, "reaper: requests before the first dump (the second dump follows as many again)")
	sigquit  = flag.Bool("sigquit", false, "end with SIGQUIT so the runtime prints every goroutine to stderr")
	// chans: how many goroutines wait in each way.
	takers    = flag.Int("takers", 80, "chans: goroutines in <-results")
	rangers   = flag.Int("rangers", 40, "chans: goroutines in for range results")
	producers = flag.Int("producers", 30, "chans: goroutines in jobs <- v")
	selectors = flag.Int("selectors", 10, "chans: goroutines in a select on results and quit")
	// labels: how many goroutines run under each set of labels.
	acme     = flag.Int("acme", 25, "labels: workers labelled tenant=acme")
	globex   = flag.Int("globex", 15, "labels: workers labelled tenant=globex")
	flushers = flag.Int("flushers", 5, "labels: flushers labelled role=flusher")
)

func main() {
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	if *scenario == "deadlock" {
		// No listener and no timer: either would keep the runtime from seeing the deadlock.
		runDeadlock()
		return
	}
	switch *scenario {
	case "mapwrites", "nested", "repanic", "repanicflush", "panicmany":
		time.AfterFunc(20*time.Second, func() { log.Print("watchdog: giving up"); os.Exit(3) })
		crashes[*scenario]()
		return
	}
	// A watchdog: a test must never hang on this program.
	time.AfterFunc(20*time.Second, func() { log.Print("watchdog: giving up"); os.Exit(3) })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	mux := http.DefaultServeMux
	go func() { _ = settlingServer(mux).Serve(ln) }()
	switch *scenario {
	case "mutex", "held", "pkgheld", "fnheld", "pkgbusy":
		runLockScenario(*scenario)
		dump(base, *scenario)
	case "reaper":
		runReaper(base, mux)
	case "panic":
		runPanic()
	case "chans":
		runChans()
		dump(base, "chans")
	case "labels":
		runLabels()
		dump(base, "labels")
	default:
		log.Fatalf("unknown scenario %q", *scenario)
	}
	if *sigquit {
		_ = syscall.Kill(os.Getpid(), syscall.SIGQUIT)
		time.Sleep(5 * time.Second)
	}
}

// dump saves the debug=2 and debug=1 goroutine profiles as NAME-debug2.txt and
// NAME-debug1.txt, fetched over HTTP as users fetch them, each once settled.
func dump(base, name string) {
	settling.Store(true)
	defer settling.Store(false)
	for _, level := range []int{2, 1} {
		resp, err := http.Get(fmt.Sprintf("%s/debug/pprof/goroutine?debug=%d", base, level))
		if err != nil {
			log.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			log.Fatal(err)
		}
		path := filepath.Join(*out, fmt.Sprintf("%s-debug%d.txt", name, level))
		if err := os.WriteFile(path, body, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// Broker fans messages out to subscribers under one lock.
type Broker struct {
	name  string
	mu    sync.Mutex
	count int
}

var errRare = errors.New("subscriber gone")

// Send records a message. BUG: the rare error path returns with b.mu held.
func (b *Broker) Send(msg int) error {
	b.mu.Lock()
	if msg == 7 {
		return errRare
	}
	b.count++
	b.mu.Unlock()
	return nil
}

func runMutex() {
	b := &Broker{name: "push"}
	for i := 0; i < 7; i++ {
		_ = b.Send(i)
	}
	_ = b.Send(7) // leaves the mutex locked
	var started sync.WaitGroup
	for i := 0; i < *waiters; i++ {
		started.Add(1)
		go func(i int) {
			started.Done()
			_ = b.Send(100 + i)
		}(i)
	}
	started.Wait()
}

// pool hands out connections; each Get starts a reaper that is meant to end when the pool closes.
type pool struct {
	mu     sync.Mutex
	closed chan struct{}
	idle   int
}

// reap trims idle connections until the pool closes. It is started once per
// request instead of once per pool, and the pool is never closed: it leaks.
func (p *pool) reap(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			p.mu.Lock()
			p.idle = 0
			p.mu.Unlock()
		case <-p.closed:
			return
		}
	}
}

func (p *pool) get() {
	go p.reap(time.Minute)
}

func runReaper(base string, mux *http.ServeMux) {
	p := &pool{closed: make(chan struct{})}
	mux.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
		p.get()
		fmt.Fprintln(w, "ok")
	})
	client := &http.Client{}
	hit := func(n int) {
		for i := 0; i < n; i++ {
			resp, err := client.Get(base + "/work")
			if err != nil {
				log.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	hit(*requests)
	dump(base, "reaper1")
	hit(*requests * 2)
	dump(base, "reaper2")
}

type job struct{ id int }

type worker struct {
	id      int
	current *job
}

// process reads the current job; the worker's current job is nil when the queue hands it an empty slot.
func (w *worker) process() int {
	return w.current.id * 2
}

func runPanic() {
	var wg sync.WaitGroup
	// The runtime writes a panic's text piece by piece, so a line logged
	// meanwhile would land inside it: worker 1 panics once the others have
	// logged their last job.
	var othersLogged sync.WaitGroup
	othersLogged.Add(2)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		w := &worker{id: i, current: &job{id: i}}
		go func() {
			defer wg.Done()
			for n := 0; n < 3; n++ {
				log.Printf("worker %d processing job %d", w.id, n)
				if w.id != 1 && n == 2 {
					othersLogged.Done()
				}
				if w.id == 1 && n == 2 {
					w.current = nil
					othersLogged.Wait()
				}
				_ = w.process()
				time.Sleep(30 * time.Millisecond)
			}
		}()
	}
	wg.Wait()
}

func runDeadlock() {
	results := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results <- i * i // nobody receives until every worker is done: deadlock
		}(i)
	}
	log.Print("waiting for workers")
	wg.Wait()
	close(results)
}

var crashes = map[string]func(){
	"mapwrites": runMapWrites,
	"nested":    runNested,
	"repanic":   runRepanic,
	// A repanic followed by a nested panic.
	"repanicflush": func() {
		go serve(7)
		select {}
	},
}

// cache is a map two goroutines update without a lock.
type cache struct{ hits map[int]int }

// record counts a hit. BUG: no lock; the runtime catches the race as a fatal error.
func (c *cache) record(k int) {
	c.hits[k]++
}

func runMapWrites() {
	c := &cache{hits: map[int]int{}}
	for g := 0; g < 2; g++ {
		go func() {
			for i := 0; ; i++ {
				c.record(i % 64)
			}
		}()
	}
	// The runtime ends the process when it sees two writers; the watchdog bounds it otherwise.
	select {}
}

// closeFile is a deferred cleanup that itself panics while the first panic unwinds.
func closeFile(name string) {
	panic(fmt.Sprintf("close %s: already closed", name))
}

func writeReport(name string) {
	defer closeFile(name)
	panic("write " + name + ": disk full")
}

func runNested() {
	go func() {
		writeReport("report.txt")
	}()
	// Not a deferred close of a channel main waits on: deferred calls run while
	// the panic unwinds, and main would return (exit 0) before the runtime prints it.
	select {}
}

// handle recovers a panic to log it, then panics again with the same value.
func handle(req int) {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("request %d failed: %v", req, r)
			panic(r)
		}
	}()
	parse(req)
}

func parse(req int) {
	panic(fmt.Sprintf("parse request %d: unexpected EOF", req))
}

func runRepanic() {
	go func() {
		handle(42)
	}()
	// Not a deferred close of a channel main waits on: deferred calls run while
	// the panic unwinds, and main would return (exit 0) before the runtime prints it.
	select {}
}

// serve handles a request; its deferred flush fails too while handle's repanic unwinds.
func serve(req int) {
	defer flush(req)
	handle(req)
}

func flush(req int) {
	panic(fmt.Sprintf("flush request %d: broken pipe", req))
}

// take receives one result; nobody ever sends one.
func take(results <-chan int) int {
	return <-results
}

// drain ranges over the results until the channel is closed, which it never is.
func drain(results <-chan int) (sum int) {
	for v := range results {
		sum += v
	}
	return sum
}

// produce sends a job that nobody takes.
func produce(jobs chan<- int, v int) {
	jobs <- v
}

// await waits for a result or for quit, whichever comes first: neither comes.
func await(results <-chan int, quit <-chan struct{}) int {
	select {
	case v := <-results:
		return v
	case <-quit:
		return 0
	}
}

// runChans leaves goroutines blocked on two channels: results (takers,
// rangers and selectors receive) and jobs (producers send).
func runChans() {
	results := make(chan int)
	jobs := make(chan int)
	quit := make(chan struct{})
	log.Printf("channels: results=%p jobs=%p", results, jobs)
	for i := 0; i < *takers; i++ {
		go take(results)
	}
	for i := 0; i < *rangers; i++ {
		go drain(results)
	}
	for i := 0; i < *producers; i++ {
		go produce(jobs, i)
	}
	for i := 0; i < *selectors; i++ {
		go await(results, quit)
	}
}

// serveTenant waits for work for its tenant, which never arrives.
func serveTenant(work <-chan int) {
	for range work {
	}
}

// flushLoop waits for a flush request, which never arrives.
func flushLoop(flush <-chan struct{}) {
	<-flush
}

// runLabels starts workers under pprof.Do, so the ?debug=1 profile prints
// their labels: the two tenants' workers run the same code from the same
// go statement, and only their labels tell them apart.
func runLabels() {
	work := make(chan int)
	flush := make(chan struct{})
	ctx := context.Background()
	serve := func() { serveTenant(work) }
	start := func(n int, labels pprof.LabelSet, f func()) {
		for i := 0; i < n; i++ {
			pprof.Do(ctx, labels, func(context.Context) { go f() })
		}
	}
	start(*acme, pprof.Labels("tenant", "acme", "role", "worker"), serve)
	start(*globex, pprof.Labels("tenant", "globex", "role", "worker"), serve)
	start(*flushers, pprof.Labels("role", "flusher"), func() { flushLoop(flush) })
}

// settling is set while dump fetches: the server then holds each request
// until the process has settled.
var settling atomic.Bool

// settlingServer serves h. While settling, it waits after reading a request,
// before its handler, until every other goroutine waits, so that a dump holds
// each goroutine where the scenario left it rather than wherever the scheduler
// had got it to: under load, the goroutine fetching the dump was caught
// runnable on its way to the select that waits for the answer (one wait short
// in the lock section). The wait runs in a hook, not a handler, so that the
// goroutine writing the dump holds no frame of this program, as when users
// fetch one. The server's background reader, started after the hook as in
// every dump served over HTTP, is still caught running or waiting.
func settlingServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ConnState: func(_ net.Conn, s http.ConnState) {
		if s == http.StateActive && settling.Load() {
			if err := awaitWaiting(10 * time.Second); err != nil {
				log.Fatal(err)
			}
		}
	}}
}

// header is a traceback's goroutine line, with its id and state:
// "goroutine 7 [chan receive, 2 minutes]:", or on newer runtimes under
// GOTRACEBACK=system "goroutine 7 gp=0x… m=nil [chan receive]:".
var header = regexp.MustCompile(`(?m)^goroutine (\d+) [^\[\n]*\[([^,\]]+)`)

// moving are the states of a goroutine that does not wait on anything of its
// own: it runs or could run, is in a system call, or the runtime holds it on
// its way (its stack being moved, preempted, helping the garbage collector).
var moving = map[string]bool{
	"running": true, "runnable": true, "syscall": true,
	"copystack": true, "preempted": true, "GC assist wait": true,
}

// awaitWaiting polls the goroutines' states until every one but the caller
// waits, or limit passes.
func awaitWaiting(limit time.Duration) error {
	buf := make([]byte, 64<<10)
	self := header.FindStringSubmatch(string(buf[:runtime.Stack(buf, false)]))[1]
	deadline := time.Now().Add(limit)
	for {
		n := runtime.Stack(buf, true)
		if n == len(buf) {
			buf = make([]byte, 2*len(buf))
			continue
		}
		var busy []string
		for _, m := range header.FindAllStringSubmatch(string(buf[:n]), -1) {
			if m[1] != self && moving[m[2]] {
				busy = append(busy, "goroutine "+m[1]+" ["+m[2]+"]")
			}
		}
		if len(busy) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("goroutines still moving after %v: %s", limit, strings.Join(busy, ", "))
		}
		time.Sleep(time.Millisecond)
	}
}

// runLock runs the mutex scenario or the held one. (Added after the rest, so
// the line numbers other tests' snapshots hold stay where they were.)
func runLock(scenario string) {
	if scenario == "held" {
		runHeld()
		return
	}
	runMutex()
}

// Flush hands the pending count to a subscriber while holding the lock. BUG:
// the subscriber is gone, nobody receives, and Flush blocks with b.mu held.
func (b *Broker) Flush(to chan<- int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	to <- b.count
}

// runHeld: one goroutine blocks in Flush holding the lock; the senders pile
// up behind it, in another method of the same type.
func runHeld() {
	b := &Broker{name: "push"}
	go b.Flush(make(chan int))
	for b.mu.TryLock() {
		b.mu.Unlock()
		time.Sleep(time.Millisecond)
	}
	var started sync.WaitGroup
	for i := 0; i < *waiters; i++ {
		started.Add(1)
		go func(i int) {
			started.Done()
			_ = b.Send(100 + i)
		}(i)
	}
	started.Wait()
}

// runLockScenario runs the lock scenarios: mutex and held (runLock), and
// those added after them, here at the end so that no line above moves:
//
//	pkgheld  a package-level mutex held by a plain function blocked on a send; its waiters in another plain function
//	fnheld   a Broker's mutex held by a plain function (not a method) blocked on a send; its waiters in Send
//	pkgbusy  a package-level mutex with its waiters, and six pollers asleep in another function of the package
func runLockScenario(scenario string) {
	switch scenario {
	case "pkgheld":
		go flushAll(make(chan []int))
		awaitLocked(&ledgerMu)
		pileUp(*waiters, record)
	case "fnheld":
		b := &Broker{name: "push"}
		go handOff(b, make(chan int))
		awaitLocked(&b.mu)
		pileUp(*waiters, func(i int) { _ = b.Send(100 + i) })
	case "pkgbusy":
		for i := 0; i < 6; i++ {
			go poll(i)
		}
		awaitLocked(&ledgerMu)
		pileUp(*waiters, record)
	default:
		runLock(scenario)
	}
}

// ledger is guarded by a package-level mutex that plain functions take.
var (
	ledgerMu sync.Mutex
	ledger   []int
)

// record appends to the ledger under its lock.
func record(v int) {
	ledgerMu.Lock()
	ledger = append(ledger, v)
	ledgerMu.Unlock()
}

// flushAll hands the ledger to a writer while holding its lock. BUG: the
// writer is gone, nobody receives, and flushAll blocks with ledgerMu held.
func flushAll(to chan<- []int) {
	ledgerMu.Lock()
	defer ledgerMu.Unlock()
	to <- ledger
}

// handOff hands a broker's count to a sink while holding the broker's lock, in
// a plain function rather than a method. BUG: the sink is gone and handOff
// blocks with b.mu held.
func handOff(b *Broker, to chan<- int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	to <- b.count
}

// poll wakes every hour to look at the ledger; the first poller took the
// ledger's lock and sleeps holding it, as the others sleep without it.
func poll(i int) {
	if i == 0 {
		ledgerMu.Lock()
	}
	for {
		time.Sleep(time.Hour)
	}
}

// awaitLocked returns once mu is held (by the goroutine just started).
func awaitLocked(mu *sync.Mutex) {
	for mu.TryLock() {
		mu.Unlock()
		time.Sleep(time.Millisecond)
	}
}

// pileUp starts n goroutines calling f(i) and returns once all have started.
func pileUp(n int, f func(i int)) {
	var started sync.WaitGroup
	for i := 0; i < n; i++ {
		started.Add(1)
		go func(i int) {
			started.Done()
			f(i)
		}(i)
	}
	started.Wait()
}

// panicmany: -waiters goroutines blocked on a channel, then a worker
// dereferences a nil field, as in panic; run with GOTRACEBACK=all the
// runtime prints every goroutine after the panic: a long dump behind it.
func init() {
	crashes["panicmany"] = func() {
		block := make(chan struct{})
		pileUp(*waiters, func(int) { <-block })
		if *pageBytes > 0 {
			page := strings.Repeat("<p>upstream connect error or disconnect/reset before headers</p>\n", *pageBytes/64+1)
			panic(fmt.Errorf("fetch config: 502 Bad Gateway:\n%s", page))
		}
		w := &worker{id: 1}
		_ = w.process()
	}
}

// pageBytes: panicmany panics instead with an error that quotes an
// upstream's error page of about this many bytes, line by line.
var pageBytes = flag.Int("page", 0, "panicmany: bytes of an upstream's error page its panic quotes (0: a nil dereference)")

// panicMany is panicmany as the init above registers it, but it panics only
// once every waiter is parked on the channel: pileUp returns as soon as each
// waiter has started, and the runtime now and then caught one still runnable
// on its way to <-block, a group of its own in the dump (1501 goroutines in
// 3 groups rather than 2, more often on a busy machine). The init below
// points the scenario here; the one above stays, as no line above may move.
func panicMany() {
	block := make(chan struct{})
	pileUp(*waiters, func(int) { <-block })
	if err := awaitWaiting(10 * time.Second); err != nil {
		log.Fatal(err)
	}
	if *pageBytes > 0 {
		page := strings.Repeat("<p>upstream connect error or disconnect/reset before headers</p>\n", *pageBytes/64+1)
		panic(fmt.Errorf("fetch config: 502 Bad Gateway:\n%s", page))
	}
	w := &worker{id: 1}
	_ = w.process()
}

// An init runs after those above it in the file: this one replaces
// panicmany's entry.
func init() {
	crashes["panicmany"] = panicMany
}

// logFirst: a line panicmany logs (Go's log, dated) before it crashes, as a
// service logs that it started and then crashes with every goroutine's
// stack after that one line.
var logFirst = flag.String("log-first", "", "panicmany: a line logged before the crash")

// An init runs after those above it in the file: this one wraps
// panicmany's entry so that it logs -log-first first.
func init() {
	inner := crashes["panicmany"]
	crashes["panicmany"] = func() {
		if *logFirst != "" {
			log.Print(*logFirst)
		}
		inner()
	}
}
