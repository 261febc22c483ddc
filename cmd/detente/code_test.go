package main

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/kb"
)

// firstRecords writes the first n Wikinews sample records to a temp file.
func firstRecords(t *testing.T, n int) string {
	t.Helper()
	f, err := os.Open("../../examples/wikinews.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	var lines []string
	for len(lines) < n && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	p := t.TempDir() + "/sample.jsonl"
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The GDELT output of `detente code` loads as 61 columns per row with valid
// CAMEO codes, FIPS countries and dates.
func TestCodeGDELTOutput(t *testing.T) {
	out := execute(t, "code", firstRecords(t, 8), "--format", "gdelt")
	rows := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(rows) < 5 {
		t.Fatalf("only %d GDELT rows from 8 articles:\n%s", len(rows), out)
	}
	for i, r := range rows {
		f := strings.Split(r, "\t")
		if len(f) != 61 {
			t.Fatalf("row %d: %d columns, want 61", i, len(f))
		}
		if _, err := time.Parse("20060102", f[1]); err != nil {
			t.Errorf("row %d: SQLDATE %q: %v", i, f[1], err)
		}
		if _, ok := kb.Event(f[26]); !ok {
			t.Errorf("row %d: EventCode %q is not CAMEO", i, f[26])
		}
		if f[28] != f[26][:2] {
			t.Errorf("row %d: EventRootCode %q does not match %q", i, f[28], f[26])
		}
		if geo := f[53]; geo != "" {
			k, err := kb.Default()
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := k.ISOFromFIPS(geo); !ok {
				t.Errorf("row %d: ActionGeo_CountryCode %q is not FIPS", i, geo)
			}
		}
	}
}

func TestCodeJSONAndTable(t *testing.T) {
	p := firstRecords(t, 2)
	var got []detente.Analysis
	if err := json.Unmarshal([]byte(execute(t, "code", p, "--format", "json")), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Article.Published == "" || len(got[0].Article.ID) != 64 {
		t.Fatalf("bad analyses: %+v", got)
	}
	jl := strings.Split(strings.TrimSpace(execute(t, "code", p, "--format", "jsonl")), "\n")
	if len(jl) != 2 {
		t.Fatalf("jsonl: %d lines", len(jl))
	}
	table := execute(t, "code", p, "--format", "table")
	if !strings.Contains(table, "EVENTS") || !strings.Contains(table, "TONE") {
		t.Fatalf("table view lacks its sections:\n%s", table)
	}
	pl := strings.Split(strings.TrimSpace(execute(t, "code", p, "--format", "plover")), "\n")
	var ev map[string]any
	if err := json.Unmarshal([]byte(pl[0]), &ev); err != nil || ev["event_type"] == "" {
		t.Fatalf("plover: %v %v", err, pl[0])
	}
}
