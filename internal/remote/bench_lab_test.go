package remote_test

import (
	"context"
	"fmt"
	"os"
	"path"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
	"github.com/wpdoctor/wpdoctor/internal/remote"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// BenchmarkLabRename32 renames 32 plugin-like folders over SFTP on loopback
// and back: pipelined (RenameMany) against one rename after another.
// ns/op covers 32 renames off and 32 back on.
func BenchmarkLabRename32(b *testing.B) {
	f := labtest.Facts(b)
	s, _ := f.Site("site1")
	c, err := remote.Dial(context.Background(), endpoint(f, s.User), keyOpts(f))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	fsys, err := remote.NewSFTP(context.Background(), c)
	if err != nil {
		b.Fatal(err)
	}
	labtest.Lock(b, f, s.Name)
	dir := path.Join(s.Home, fmt.Sprintf("bench-%d", os.Getpid()))
	if err := fsys.Mkdir(context.Background(), dir, 0o755); err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	var off, on []site.RenamePair
	for i := 0; i < 32; i++ {
		p := path.Join(dir, fmt.Sprintf("plugin-%02d", i))
		if err := fsys.Mkdir(context.Background(), p, 0o755); err != nil {
			b.Fatal(err)
		}
		off = append(off, site.RenamePair{Old: p, New: p + ".wpdoctor-off"})
		on = append(on, site.RenamePair{Old: p + ".wpdoctor-off", New: p})
	}
	ctx := context.Background()
	b.Run("pipelined", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, batch := range [][]site.RenamePair{off, on} {
				for _, err := range fsys.RenameMany(ctx, batch) {
					if err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	})
	b.Run("sequential", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, batch := range [][]site.RenamePair{off, on} {
				for _, p := range batch {
					if err := fsys.Rename(ctx, p.Old, p.New); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	})
}
