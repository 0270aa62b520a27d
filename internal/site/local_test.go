package site_test

import (
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/site"
	"github.com/wpdoctor/wpdoctor/internal/site/sitetest"
)

func TestLocalFSConformance(t *testing.T) {
	sitetest.Run(t, site.LocalFS{}, t.TempDir())
}
