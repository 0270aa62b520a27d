package wpconfig

// finish marks effective and shadowable definitions and sets the style.
func finish(cfg *Config) {
	markConstants(cfg)
	markTablePrefix(cfg)
	cfg.Style = styleOf(cfg)
}

// markConstants: PHP keeps the first define() executed. The first definition
// of a name that runs Always or IfUndefined is effective; it is shadowable
// when something before it may have defined the name already.
func markConstants(cfg *Config) {
	done := map[string]bool{}
	for i := range cfg.Defines {
		d := &cfg.Defines[i]
		if d.DynamicName || d.Form == FormConfigDefine || done[d.Name] {
			continue
		}
		if d.Cond != Always && d.Cond != IfUndefined {
			continue
		}
		d.Effective, done[d.Name] = true, true
		d.Shadowable = includeBefore(cfg, d.StmtSpan.Start)
		for _, e := range cfg.Defines[:i] {
			if e.DynamicName || e.Name == d.Name {
				d.Shadowable = true
			}
		}
	}
}

// markTablePrefix: the last assignment executed wins. The effective one is
// the last Always assignment, or else the first IfUndefined one; it is
// shadowable when an include or an undecided assignment exists.
func markTablePrefix(cfg *Config) {
	eff, shadow := -1, includeBefore(cfg, int(^uint(0)>>1))
	for i, d := range cfg.TablePrefixes {
		switch d.Cond {
		case Always:
			eff = i
		case IfUndefined:
			if eff < 0 {
				eff = i
			}
		default:
			shadow = true
		}
	}
	if eff >= 0 {
		cfg.TablePrefixes[eff].Effective = true
		cfg.TablePrefixes[eff].Shadowable = shadow
	}
}

// includeBefore reports whether a file other than wp-settings.php is
// included before offset pos.
func includeBefore(cfg *Config, pos int) bool {
	for _, in := range cfg.Includes {
		if !in.Settings && in.StmtSpan.Start < pos {
			return true
		}
	}
	return false
}

func styleOf(cfg *Config) Style {
	dbName := Cond(255)
	for _, d := range cfg.Defines {
		switch {
		case d.Form == FormConfigDefine:
			return StyleBedrock
		case d.Name == "DB_NAME" && !d.DynamicName && d.Cond < dbName:
			dbName = d.Cond
		}
	}
	switch {
	case dbName == Always:
		return StyleClassic
	case includeBefore(cfg, int(^uint(0)>>1)):
		return StyleLoader
	case dbName != Cond(255):
		return StyleClassic
	}
	return StyleUnknown
}
