package inventory

import (
	"errors"
	"reflect"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/phpser"
)

func TestSetActive(t *testing.T) {
	inv, err := scanOnly(t, fixtures[0])
	if err != nil {
		t.Fatal(err)
	}
	if inv.ActiveKnown {
		t.Error("active state known before SetActive")
	}
	inv.SetActive([]string{"multi/a.php", "gone/gone.php", "gone/gone.php", "network-plugin/network-plugin.php"},
		[]string{"network-plugin/network-plugin.php", "other/other.php"})
	if p := findPlugin(inv, "multi/a.php"); !p.Active || p.NetworkActive {
		t.Errorf("multi/a.php %+v", p)
	}
	if p := findPlugin(inv, "multi/b.php"); p.Active {
		t.Errorf("multi/b.php active: only the file in the list is")
	}
	if p := findPlugin(inv, "network-plugin/network-plugin.php"); !p.Active || !p.NetworkActive {
		t.Errorf("network-plugin %+v", p)
	}
	if !reflect.DeepEqual(inv.MissingActive, []string{"gone/gone.php"}) ||
		!reflect.DeepEqual(inv.MissingNetworkActive, []string{"other/other.php"}) {
		t.Errorf("missing %v / %v", inv.MissingActive, inv.MissingNetworkActive)
	}
	// A second call replaces the first.
	inv.SetActive(nil, nil)
	for _, p := range inv.Plugins {
		if p.Active || p.NetworkActive {
			t.Errorf("%s still active", p.File)
		}
	}
	if len(inv.MissingActive) != 0 || inv.MissingActive == nil {
		t.Errorf("missing %#v", inv.MissingActive)
	}
}

// TestOrphanedFollowsActive: the object-cache drop-in of redis-cache is
// orphaned while its plugin is inactive, not once it is active, and before
// the active state is known only a missing owner counts.
func TestOrphanedFollowsActive(t *testing.T) {
	inv, err := scanOnly(t, fixtures[0])
	if err != nil {
		t.Fatal(err)
	}
	oc := func() Dropin {
		for _, d := range inv.Dropins {
			if d.File == "object-cache.php" {
				return d
			}
		}
		t.Fatal("no object-cache.php")
		return Dropin{}
	}
	ac := func() Dropin {
		for _, d := range inv.Dropins {
			if d.File == "advanced-cache.php" {
				return d
			}
		}
		t.Fatal("no advanced-cache.php")
		return Dropin{}
	}
	if d := oc(); d.Orphaned || !d.OwnerInstalled || d.OwnerSlug != "redis-cache" {
		t.Errorf("before SetActive: %+v", d)
	}
	if d := ac(); !d.Orphaned || d.OwnerSlug != "wpd-super-cache" || d.OwnerInstalled {
		t.Errorf("owner not installed: %+v", d)
	}
	inv.SetActive([]string{"wpd-gallery/gallery.php"}, nil)
	if d := oc(); !d.Orphaned || d.OrphanReason != "its plugin redis-cache is installed but not active" {
		t.Errorf("inactive owner: %+v", d)
	}
	inv.SetActive(nil, []string{"redis-cache/redis-cache.php"})
	if d := oc(); d.Orphaned || !d.OwnerActive {
		t.Errorf("network-active owner: %+v", d)
	}
}

func TestParseActivePlugins(t *testing.T) {
	tests := []struct {
		raw  string
		want []string
		err  error
	}{
		{`a:2:{i:0;s:19:"akismet/akismet.php";i:1;s:9:"hello.php";}`, []string{"akismet/akismet.php", "hello.php"}, nil},
		{`a:1:{i:3;s:9:"hello.php";}`, []string{"hello.php"}, nil},
		{`a:0:{}`, []string{}, nil},
		{``, []string{}, nil},
		{`s:9:"hello.php";`, nil, phpser.ErrType},
		{`a:1:{i:0;i:5;}`, nil, phpser.ErrType},
		{`a:1:{i:0;s:9:"hello.php"`, nil, phpser.ErrSyntax},
	}
	for _, tt := range tests {
		got, err := ParseActivePlugins([]byte(tt.raw))
		if !errors.Is(err, tt.err) || (tt.err == nil && !reflect.DeepEqual(got, tt.want)) {
			t.Errorf("ParseActivePlugins(%q) = %#v, %v; want %#v, %v", tt.raw, got, err, tt.want, tt.err)
		}
	}
}
