package journal

import (
	"context"
	"errors"
	"sync/atomic"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

func fsOf(v interface{}) site.FS {
	if v == nil {
		return site.LocalFS{}
	}
	return v.(site.FS)
}

// flakyFS fails the first n RenameMany and WriteFileAtomic calls as a
// dropped connection would, then works (fault injection by embedding).
type flakyFS struct {
	site.LocalFS
	failures atomic.Int32
}

var errLost = errors.New("sftp: connection lost")

func (f *flakyFS) RenameMany(ctx context.Context, pairs []site.RenamePair) []error {
	if f.failures.Add(-1) >= 0 {
		errs := make([]error, len(pairs))
		for i := range errs {
			errs[i] = errLost
		}
		return errs
	}
	return f.LocalFS.RenameMany(ctx, pairs)
}
