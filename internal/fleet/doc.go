// Package fleet runs one diagnosis per site over many sites at once: a
// bounded number in flight, a deadline per site, failures kept to their
// site, the same site never run twice at once, a deterministic share of the
// sites per shard, and one result per site aggregated into a summary and an
// exit code.
//
// It does not know how a site is reached or diagnosed: the caller passes a
// SiteRunner (the CLI wraps the engine in one). It imports no SSH and no
// cobra, so that its scheduling is tested with fakes.
package fleet
