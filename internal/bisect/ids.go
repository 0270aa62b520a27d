package bisect

import "context"

// ByID adapts an oracle over candidate IDs (plugin slugs, file names) to
// an Oracle over indices into ids.
func ByID[T any](ids []T, f func(ctx context.Context, active []T) (Outcome, error)) Oracle {
	return func(ctx context.Context, active []int) (Outcome, error) {
		return f(ctx, Pick(ids, active))
	}
}

// Pick returns the items at the given indices, in that order.
func Pick[T any](items []T, idx []int) []T {
	out := make([]T, len(idx))
	for i, x := range idx {
		out[i] = items[x]
	}
	return out
}
