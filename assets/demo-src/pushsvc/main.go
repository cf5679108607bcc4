// pushsvc is a tiny stand-in for the kiosk fleet's push service, written to
// produce a *real* goroutine dump of the incident described in
// assets/demo/README.md (see ../make-dump.sh).
//
// The bug it reproduces: Hub.Broadcast holds hub.mu while it hands a message
// to every session's buffered out channel. kiosk-07 stops reading its socket
// (its render thread hung on the GPU), so its writePump blocks in conn.Write,
// its out channel fills up, and Broadcast blocks on the channel send with the
// mutex held. Every later Push then piles up on hub.mu (semacquire), while
// the other sessions sit idle in select and their readers in IO wait.
//
// Standard library only.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
)

type Message struct {
	Topic   string `json:"topic"`
	Seq     int    `json:"seq"`
	Payload string `json:"payload"`
}

type Session struct {
	kiosk string
	conn  net.Conn
	out   chan []byte
	done  chan struct{}
}

type Hub struct {
	mu       sync.Mutex
	sessions map[string]*Session
	seq      int
}

func NewHub() *Hub { return &Hub{sessions: make(map[string]*Session)} }

func (h *Hub) Register(s *Session) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.sessions[s.kiosk] = s
}

// Broadcast sends msg to every session. BUG: the channel send happens with
// h.mu held, so one slow session stalls the whole hub.
func (h *Hub) Broadcast(topic, payload string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seq++
	b, _ := json.Marshal(Message{Topic: topic, Seq: h.seq, Payload: payload})
	for _, s := range h.sessions {
		s.out <- b
	}
}

// Push delivers one message to one kiosk.
func (h *Hub) Push(kiosk string, payload string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	s, ok := h.sessions[kiosk]
	if !ok {
		return false
	}
	h.seq++
	b, _ := json.Marshal(Message{Topic: "push", Seq: h.seq, Payload: payload})
	select {
	case s.out <- b:
		return true
	default:
		return false
	}
}

func (s *Session) writePump() {
	w := bufio.NewWriter(s.conn)
	for {
		select {
		case b := <-s.out:
			if _, err := w.Write(append(b, '\n')); err != nil {
				return
			}
			if err := w.Flush(); err != nil {
				return
			}
		case <-s.done:
			return
		}
	}
}

func (s *Session) readPump(h *Hub) {
	defer close(s.done)
	r := bufio.NewReader(s.conn)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		if strings.HasPrefix(line, "ack ") {
			continue
		}
	}
}

type Server struct {
	ln  net.Listener
	hub *Hub
}

func (srv *Server) acceptLoop() {
	for {
		c, err := srv.ln.Accept()
		if err != nil {
			return
		}
		go srv.handshake(c)
	}
}

func (srv *Server) handshake(c net.Conn) {
	r := bufio.NewReader(c)
	hello, err := r.ReadString('\n')
	if err != nil {
		c.Close()
		return
	}
	kiosk := strings.TrimSpace(strings.TrimPrefix(hello, "hello "))
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(32 << 10)
	}
	s := &Session{kiosk: kiosk, conn: c, out: make(chan []byte, 8), done: make(chan struct{})}
	srv.hub.Register(s)
	go s.writePump()
	s.readPump(srv.hub)
}

// kiosk simulates one kiosk client on the other end of the loopback socket.
// A hung kiosk keeps the connection open but never reads again.
func kiosk(addr, name string, hung bool) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		log.Printf("%s: dial: %v", name, err)
		return
	}
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetReadBuffer(32 << 10)
	}
	fmt.Fprintf(c, "hello %s\n", name)
	if hung {
		select {} // never reads: the render thread is gone
	}
	r := bufio.NewReader(c)
	for {
		if _, err := r.ReadString('\n'); err != nil {
			return
		}
		fmt.Fprintf(c, "ack %s\n", name)
	}
}

type job struct {
	kiosk   string
	payload string
}

// deliveryWorker drains the push queue; each Push may block on hub.mu.
func deliveryWorker(id int, h *Hub, jobs <-chan job, results chan<- string) {
	for j := range jobs {
		if h.Push(j.kiosk, j.payload) {
			results <- j.kiosk
		}
	}
}

// apiHandler stands in for one in-flight HTTP request to /v1/push.
func apiHandler(h *Hub, kiosk, payload string, wg *sync.WaitGroup) {
	defer wg.Done()
	h.Push(kiosk, payload)
}

// sessionJanitor would expire idle sessions; it waits on a ticker or shutdown.
func sessionJanitor(h *Hub, stop <-chan struct{}) {
	t := time.NewTicker(30 * time.Minute)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-stop:
			return
		}
	}
}

// metricsReporter allocates a little every tick (snapshotting stats), which
// keeps the GC running; goroutine wait times are only recorded at GC time.
func metricsReporter(h *Hub, stop <-chan struct{}) {
	var sink []byte
	for {
		select {
		case <-stop:
			return
		case <-time.After(100 * time.Millisecond):
		}
		snap := make(map[string]string, 512)
		for i := 0; i < 512; i++ {
			snap[fmt.Sprintf("kiosk-%03d.latency_ms", i)] = strings.Repeat("9", 64)
		}
		sink, _ = json.Marshal(snap)
		_ = sink
	}
}

func main() {
	dumpAfter := flag.Duration("dump-after", 4*time.Minute, "write the goroutine dump after this long")
	out := flag.String("o", "goroutines.txt", "dump file")
	kiosks := flag.Int("kiosks", 24, "number of connected kiosks")
	flag.Parse()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	h := NewHub()
	srv := &Server{ln: ln, hub: h}
	go srv.acceptLoop()
	for i := 1; i <= *kiosks; i++ {
		name := fmt.Sprintf("kiosk-%02d", i)
		go kiosk(ln.Addr().String(), name, name == "kiosk-07")
	}
	time.Sleep(500 * time.Millisecond)

	stop := make(chan struct{})
	go sessionJanitor(h, stop)
	go metricsReporter(h, stop)

	jobs := make(chan job)
	results := make(chan string, 1024)
	for i := 0; i < 8; i++ {
		go deliveryWorker(i, h, jobs, results)
	}
	go func() {
		for range results {
		}
	}()

	// A large "playlist update" fans out to every kiosk every 250ms; kiosk-07's
	// socket buffer fills within a few rounds and the hub wedges.
	go func() {
		payload := strings.Repeat("x", 48<<10)
		for seq := 0; ; seq++ {
			h.Broadcast("playlist", payload)
			time.Sleep(250 * time.Millisecond)
		}
	}()

	// Push API traffic keeps arriving: every request runs in its own goroutine
	// and blocks on hub.mu once the hub is wedged.
	var wg sync.WaitGroup
	go func() {
		for i := 0; i < 70; i++ {
			k := fmt.Sprintf("kiosk-%02d", 1+i%*kiosks)
			wg.Add(1)
			go apiHandler(h, k, "banner:"+k, &wg)
			time.Sleep(3 * time.Second)
		}
		wg.Wait()
	}()
	// Scheduled pushes go through the worker pool; the scheduler blocks on the
	// jobs channel once all workers are stuck.
	go func() {
		for i := 0; ; i++ {
			k := fmt.Sprintf("kiosk-%02d", 1+(i*7)%*kiosks)
			jobs <- job{kiosk: k, payload: "schedule:" + k}
			time.Sleep(5 * time.Second)
		}
	}()

	time.Sleep(*dumpAfter)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.Lookup("goroutine").WriteTo(f, 2); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("goroutine dump written to %s", *out)
	os.Exit(0)
}
