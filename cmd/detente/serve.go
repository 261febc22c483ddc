package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/duckdb"
	dhttp "github.com/detente-project/detente/http"
	"github.com/detente-project/detente/web"
)

func init() {
	var (
		db, addr, token string
		maxBody         int64
	)
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the JSON API and the web dashboard over a store",
		Long: `serve answers the JSON API (/api/...) and the dashboard (/) over a DuckDB store.

Without a token the store is opened read-only. With --token (or the
DETENTE_TOKEN environment variable) POST /api/articles ingests articles
sent with "Authorization: Bearer <token>", and the store is opened
read-write; otherwise that endpoint answers 404.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if token == "" {
				token = os.Getenv("DETENTE_TOKEN")
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return serveStore(ctx, db, addr, token, maxBody)
		},
	}
	c.Flags().StringVar(&db, "db", defaultDB, "DuckDB store file")
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	c.Flags().StringVar(&token, "token", "", "bearer token enabling POST /api/articles (default $DETENTE_TOKEN)")
	c.Flags().Int64Var(&maxBody, "max-body", 1<<20, "request body limit in bytes")
	rootCmd.AddCommand(c)
}

// serveStore serves the API and dashboard over the store at db until ctx
// ends. With a token the store is opened read-write and POST /api/articles
// is enabled; without one it is opened read-only.
func serveStore(ctx context.Context, db, addr, token string, maxBody int64) error {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	cfg := dhttp.Config{
		Analyze: detente.Analyze,
		Static:  web.FS(),
		Logger:  log,
		MaxBody: maxBody,
	}
	if token == "" {
		r, err := duckdb.OpenReader(ctx, db)
		if err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		defer r.Close()
		cfg.Store = r
	} else {
		// DuckDB allows one configuration per file in a process, so
		// reads share the read-write store's pool when ingest is on.
		w, err := duckdb.Open(ctx, db)
		if err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		defer w.Close()
		cfg.Store, cfg.Writer, cfg.Token = duckdb.NewReader(w), w, token
	}
	srv, err := dhttp.New(cfg)
	if err != nil {
		return err
	}
	log.Info("serving", "addr", "http://"+addr, "db", db, "ingest", token != "")
	if err := srv.ListenAndServe(ctx, addr); err != nil && ctx.Err() == nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
