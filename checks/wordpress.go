package checks

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/inventory"
	"github.com/wpdoctor/wpdoctor/internal/probe"
)

// coreFilesRequired are files without which WordPress cannot start.
var coreFilesRequired = []string{
	"index.php", "wp-load.php", "wp-settings.php", "wp-blog-header.php", "wp-login.php",
	"wp-includes/version.php", "wp-includes/load.php", "wp-includes/functions.php", "wp-includes/plugin.php",
	"wp-includes/class-wp-hook.php", "wp-includes/default-constants.php", "wp-admin/includes/plugin.php",
}

var coreFiles = Check{
	ID: "core-files", Title: "WordPress core files present", Needs: NeedFiles,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		var missing []string
		for _, f := range coreFilesRequired {
			if _, err := e.FS.Stat(ctx, path.Join(e.Loc.ABSPATH, f)); errors.Is(err, fs.ErrNotExist) {
				missing = append(missing, f)
			}
		}
		if len(missing) == 0 {
			return nil
		}
		return []diag.Finding{{Severity: diag.Critical, Cause: true,
			Summary:  fmt.Sprintf("%d WordPress core file(s) are missing: %s", len(missing), strings.Join(missing, ", ")),
			Evidence: []diag.Evidence{{Source: "files", Path: e.Loc.ABSPATH, Text: "missing: " + strings.Join(missing, ", ")}},
			Fix:      "Reinstall WordPress core files of the same version (wp-admin and wp-includes, and the root files), keeping wp-config.php and wp-content."}}
	},
}

var wpConfigDamaged = Check{
	ID: "wp-config-damaged", Title: "wp-config.php parses", Needs: NeedFiles,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		if e.Config == nil || !e.Config.Damaged {
			return nil
		}
		return []diag.Finding{{Severity: diag.Critical, Cause: true,
			Summary:  "wp-config.php has a syntax error: PHP cannot run it, so every page fails (500 or a white screen)",
			Evidence: []diag.Evidence{{Source: "wp-config.php", Path: e.Config.Path, Text: strings.Join(e.Config.Diagnostics, "; ")}},
			Fix:      "Fix the line named in the evidence (a missing semicolon or quote after a manual edit), or restore wp-config.php from a backup."}}
	},
}

var maintenanceFile = Check{
	ID: "maintenance-file", Title: ".maintenance left behind", Needs: NeedInventory,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		m := e.Inventory.Maintenance
		if !m.Present {
			return nil
		}
		f := diag.Finding{Evidence: []diag.Evidence{{Source: "files", Path: m.Path, Text: ".maintenance is present"}},
			Fix: "Delete " + m.Path + ", then finish or redo the update that was interrupted."}
		switch m.State(time.Now()) {
		case inventory.MaintenanceActive:
			f.Severity, f.Cause = diag.Error, true
			f.Summary = "WordPress is in maintenance mode: every page answers 503 \"Briefly unavailable for scheduled maintenance\""
		default:
			f.Severity = diag.Warning
			f.Summary = ".maintenance was left behind by an interrupted update (older than 10 minutes, so WordPress ignores it now)"
		}
		return []diag.Finding{f}
	},
}

var dropinsOrphaned = Check{
	ID: "dropins-orphaned", Title: "Orphaned cache drop-ins", Needs: NeedInventory,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		var out []diag.Finding
		for _, d := range e.Inventory.Dropins {
			if !d.Orphaned {
				continue
			}
			sev := diag.Warning
			if d.Loads == inventory.LoadAlways {
				sev = diag.Error
			}
			out = append(out, diag.Finding{Severity: sev, Component: diag.Component{Kind: diag.KindDropIn, Name: d.File}.String(),
				Summary:  fmt.Sprintf("%s is orphaned: %s; it loads %s", d.File, d.OrphanReason, d.LoadsWhen),
				Evidence: []diag.Evidence{{Source: "files", Path: d.Path, Text: d.OwnerEvidence}},
				Fix:      fmt.Sprintf("Delete %s (or reinstall and reactivate %s); a cache drop-in without its plugin breaks or serves stale pages.", d.Path, d.OwnerSlug)})
		}
		return out
	},
}

var missingActivePlugins = Check{
	ID: "missing-active-plugins", Title: "Active plugins that are not installed", Needs: NeedInventory | NeedDB,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		if len(e.Inventory.MissingActive) == 0 {
			return nil
		}
		return []diag.Finding{{Severity: diag.Warning,
			Summary:  "active_plugins names plugins whose files are gone: " + strings.Join(e.Inventory.MissingActive, ", "),
			Evidence: []diag.Evidence{{Source: "database", Text: "active_plugins: " + strings.Join(e.Inventory.MissingActive, ", ")}},
			Fix:      "WordPress deactivates them the next time wp-admin/plugins.php is opened; reinstall them if they were meant to be there."}}
	},
}

var themeMissing = Check{
	ID: "theme-missing", Title: "The active theme is installed", Needs: NeedInventory | NeedDB,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		t := e.Inventory.Theme
		if t.Stylesheet == "" || t.StylesheetInstalled && t.TemplateInstalled {
			return nil
		}
		return []diag.Finding{{Severity: diag.Error, Cause: true, Component: diag.Component{Kind: diag.KindTheme, Name: t.Stylesheet}.String(),
			Summary:  fmt.Sprintf("the active theme %q (template %q) is not installed completely: %s", t.Stylesheet, t.Template, strings.Join(t.Problems, "; ")),
			Evidence: []diag.Evidence{{Source: "database", Text: "stylesheet = " + t.Stylesheet + ", template = " + t.Template}},
			Fix:      "Reinstall the theme (and its parent theme), or switch to an installed theme in wp-admin → Appearance."}}
	},
}

var database = Check{
	ID: "database", Title: "The database answers", Needs: NeedFiles,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		if e.DBErr == nil {
			return nil
		}
		f := diag.Finding{Severity: diag.Error, Component: "server:database",
			Summary:  "wpdoctor could not use the site's database with the credentials of wp-config.php: " + e.DBErr.Error(),
			Evidence: []diag.Evidence{{Source: "wp-config.php", Text: "DB_HOST = " + e.Config.DB.Host + ", DB_NAME = " + e.Config.DB.Name}},
			Fix:      "Check that MySQL/MariaDB runs and that DB_NAME, DB_USER, DB_PASSWORD, DB_HOST and $table_prefix are right."}
		for _, p := range e.Probes {
			if p.Class == probe.ClassWPDBError {
				f.Cause, f.Severity = true, diag.Critical
			}
		}
		return []diag.Finding{f}
	},
}
