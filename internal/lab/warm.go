package lab

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// warm loads each healthy site the way its first visitors would. WordPress
// writes rows and directories of its own on a fresh install's first page
// loads (the widget_* options, https_detection_errors, theme_mods of the
// active theme, the month's uploads directory) and on its first cron run.
// Doing that here makes a freshly built lab the same steady state as one
// that has served pages before, so a test's before/after comparison sees
// only what the run under test changed.
func warm(ctx context.Context, f *Facts) error {
	client := &http.Client{Timeout: 30 * time.Second}
	for _, site := range append(append(f.Sites, f.Fleet...), f.Networks...) {
		for _, p := range []string{"/", "/wp-login.php", "/wp-cron.php", "/"} {
			if err := getRetrying(ctx, client, site.URL+p); err != nil {
				return fmt.Errorf("warm %s: %w", site.Name, err)
			}
		}
		for _, sub := range site.SubSites {
			for _, p := range []string{"", "wp-login.php", "wp-cron.php", ""} {
				if err := getRetrying(ctx, client, sub.URL+p); err != nil {
					return fmt.Errorf("warm %s%s: %w", site.Name, sub.Path, err)
				}
			}
		}
	}
	return nil
}

// getRetrying gets url, trying again for a few seconds while the answer is
// an error: a PHP-FPM master that has just been restarted may not be
// taking connections on its socket yet.
func getRetrying(ctx context.Context, c *http.Client, url string) error {
	var err error
	for range 20 {
		if err = get(ctx, c, url); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
	return err
}

func get(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode >= 500 {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return nil
}
