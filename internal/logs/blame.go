package logs

// Blame returns the component to blame for e.
//
// For an entry that carries PHP messages (FastCGI or FPM stderr) the most
// severe one is blamed. For a PHP error it starts, as WordPress's fatal
// error handler does, from the file the error happened in (or was thrown
// in); when that file is not an extension (core, or outside every known
// directory) it walks the stack trace from the most recent call (#0)
// outward and takes the first frame in a plugin, theme, mu-plugin or
// drop-in — which also blames mu-plugins and drop-ins, which WordPress's own
// handler cannot. Failing that, the first frame outside core, then the
// error's own location. For a slowlog block it takes the innermost frame
// that is not core, by the same preference.
//
// The result has Kind CompOther and an empty Path when e names no file.
func (l Layout) Blame(e *Event) Component {
	w := e.Worst()
	if w.Kind == KindSlowlog || w.File == "" && len(w.Frames) > 0 {
		return l.blameFrames(w.Frames, Component{Kind: CompOther})
	}
	if w.File == "" {
		return Component{Kind: CompOther}
	}
	c := l.Attribute(w.File)
	c.Line = w.Line
	if c.IsExtension() {
		return c
	}
	return l.blameFrames(w.Frames, c)
}

// blameFrames walks frames in order: the first extension frame wins, else
// the first non-core frame, else fallback (or the first frame when
// fallback names no file).
func (l Layout) blameFrames(frames []Frame, fallback Component) Component {
	var firstOther, first *Component
	for i := range frames {
		f := &frames[i]
		if f.File == "" {
			continue
		}
		c := l.Attribute(f.File)
		c.Line = f.Line
		switch {
		case c.IsExtension():
			return c
		case c.Kind == CompOther && firstOther == nil:
			firstOther = &c
		}
		if first == nil {
			cc := c
			first = &cc
		}
	}
	switch {
	case fallback.Kind == CompOther && firstOther != nil && fallback.Path == "":
		return *firstOther
	case fallback.Kind == CompCore && firstOther != nil:
		return *firstOther
	case fallback.Path == "" && first != nil:
		return *first
	}
	return fallback
}
