package http

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/detente-project/detente/duckdb"
)

// Error codes. Each maps to one HTTP status in Status.
const (
	EINVALID      = "invalid"      // bad parameter or body: 400
	EUNAUTHORIZED = "unauthorized" // missing or wrong bearer token: 401
	ENOTFOUND     = "not_found"    // no such resource, or a disabled endpoint: 404
	ETOOLARGE     = "too_large"    // request body over the limit: 413
	EUNAVAILABLE  = "unavailable"  // overloaded or timed out: 503
	EINTERNAL     = "internal"     // anything else: 500
	EMETHOD       = "method"       // wrong method for a route: 405
)

// Error is the one error type handlers return. Its Message is safe to show
// to clients; internal errors keep their cause out of the response.
type Error struct {
	Code    string
	Message string
	Err     error // cause, logged, never sent
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a formatted client message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// statuses maps error codes to HTTP statuses: the only place that does.
var statuses = map[string]int{
	EINVALID:      http.StatusBadRequest,
	EUNAUTHORIZED: http.StatusUnauthorized,
	ENOTFOUND:     http.StatusNotFound,
	ETOOLARGE:     http.StatusRequestEntityTooLarge,
	EUNAVAILABLE:  http.StatusServiceUnavailable,
	EINTERNAL:     http.StatusInternalServerError,
	EMETHOD:       http.StatusMethodNotAllowed,
}

// Status returns the HTTP status for an error code (500 when unknown).
func Status(code string) int {
	if s, ok := statuses[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// asError turns any error into an *Error, classifying well-known causes.
func asError(err error) *Error {
	var e *Error
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &e):
		return e
	case errors.Is(err, duckdb.ErrNotFound):
		return &Error{Code: ENOTFOUND, Message: "not found", Err: err}
	case errors.As(err, &mbe):
		return &Error{Code: ETOOLARGE, Message: fmt.Sprintf("request body over %d bytes", mbe.Limit), Err: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Code: EUNAVAILABLE, Message: "request timed out", Err: err}
	case errors.Is(err, context.Canceled):
		return &Error{Code: EUNAVAILABLE, Message: "request cancelled", Err: err}
	}
	return &Error{Code: EINTERNAL, Message: "internal error", Err: err}
}
