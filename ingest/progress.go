package ingest

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progressCounters are updated by the pipeline and read by the display.
type progressCounters struct {
	docs, articles, events, failed atomic.Int64
	analysis                       atomic.Int64 // nanoseconds inside the analyzer, summed over workers
}

// progress shows how a run is going until stop.
type progress struct {
	done chan struct{}
	wg   sync.WaitGroup
	bar  *progressbar.ProgressBar
	opts *Options
}

// startProgress starts the display chosen by opts: a progress bar over the
// input bytes (ETA) with articles/s and events/s on a terminal, a plain line
// every opts.ProgressEvery otherwise, nothing without opts.Progress.
func startProgress(opts *Options, c *progressCounters, bytesIn, total *atomic.Int64, start time.Time) *progress {
	p := &progress{done: make(chan struct{}), opts: opts}
	if opts.Progress == nil {
		return p
	}
	every := opts.ProgressEvery
	if opts.Interactive {
		every = 200 * time.Millisecond
		p.bar = progressbar.NewOptions64(max(total.Load(), 1),
			progressbar.OptionSetWriter(opts.Progress),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionShowDescriptionAtLineEnd(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionSetDescription("ingest"))
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-p.done:
				return
			case <-t.C:
			}
			el := time.Since(start).Seconds()
			a, e, d, f := c.articles.Load(), c.events.Load(), c.docs.Load(), c.failed.Load()
			if p.bar != nil {
				if tot := total.Load(); tot > p.bar.GetMax64() {
					p.bar.ChangeMax64(tot)
				}
				p.bar.Describe(fmt.Sprintf("%d articles (%.1f/s), %d events (%.1f/s), %d failed", a, float64(a)/el, e, float64(e)/el, f))
				p.bar.Set64(bytesIn.Load())
				continue
			}
			pct := ""
			if tot := total.Load(); tot > 0 {
				pct = fmt.Sprintf(", %.0f%% of input", 100*float64(bytesIn.Load())/float64(tot))
			}
			fmt.Fprintf(opts.Progress, "ingest: %d documents, %d new articles (%.1f/s), %d new events (%.1f/s), %d failed%s, %s\n",
				d, a, float64(a)/el, e, float64(e)/el, f, pct, time.Since(start).Round(time.Second))
		}
	}()
	return p
}

// stop ends the display.
func (p *progress) stop(st Stats) {
	close(p.done)
	p.wg.Wait()
	if p.bar != nil {
		p.bar.Set64(st.Bytes)
		p.bar.Finish()
		fmt.Fprintln(p.opts.Progress)
	}
}
