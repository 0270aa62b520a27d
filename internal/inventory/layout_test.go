package inventory

import (
	"reflect"
	"testing"
	"time"
)

func TestNewLayout(t *testing.T) {
	tests := []struct {
		name                       string
		got                        Layout
		content, plugins, mu, root string
	}{
		{"default, trailing slash", DefaultLayout("/var/www/html/"),
			"/var/www/html/wp-content", "/var/www/html/wp-content/plugins", "/var/www/html/wp-content/mu-plugins", "/var/www/html/wp-content/themes"},
		{"custom content dir", NewLayout("/srv/www", "/srv/www/content", "", ""),
			"/srv/www/content", "/srv/www/content/plugins", "/srv/www/content/mu-plugins", "/srv/www/content/themes"},
		{"custom plugin dirs", NewLayout("/srv/www", "", "/srv/app/plugins/", "/srv/app/mu"),
			"/srv/www/wp-content", "/srv/app/plugins", "/srv/app/mu", "/srv/www/wp-content/themes"},
	}
	for _, tt := range tests {
		l := tt.got
		if l.ContentDir != tt.content || l.PluginDir != tt.plugins || l.MUPluginDir != tt.mu ||
			!reflect.DeepEqual(l.ThemeRoots, []string{tt.root}) {
			t.Errorf("%s: %+v", tt.name, l)
		}
	}
}

func TestMaintenanceState(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	tests := []struct {
		m    Maintenance
		want MaintenanceState
	}{
		{Maintenance{}, MaintenanceOff},
		{Maintenance{Present: true, Upgrading: "1700000000"}, MaintenanceActive},
		{Maintenance{Present: true, Upgrading: "1699999401"}, MaintenanceActive},
		{Maintenance{Present: true, Upgrading: "1699999400"}, MaintenanceExpired}, // exactly 10 minutes
		{Maintenance{Present: true, Upgrading: "1800000000"}, MaintenanceActive},  // in the future
		{Maintenance{Present: true, Upgrading: "time()"}, MaintenanceActive},
		{Maintenance{Present: true}, MaintenanceExpired},
		{Maintenance{Present: true, Upgrading: "strtotime('+1 day')"}, MaintenanceUnknown},
	}
	for _, tt := range tests {
		if got := tt.m.State(now); got != tt.want {
			t.Errorf("%+v.State() = %s, want %s", tt.m, got, tt.want)
		}
	}
}

func TestMaintenanceUpgrading(t *testing.T) {
	for src, want := range map[string]string{
		"<?php $upgrading = 1700000000; ?>": "1700000000",
		"<?php\n$upgrading=time();\n":       "time()",
		"<?php // nothing\n":                "",
	} {
		var got string
		if m := upgradingRe.FindStringSubmatch(src); m != nil {
			got = m[1]
		}
		if got != want {
			t.Errorf("%q: upgrading %q, want %q", src, got, want)
		}
	}
}
