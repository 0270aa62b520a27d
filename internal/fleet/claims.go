package fleet

import "sync"

// Claims is an in-process lock by key: the engine's site lock holds across
// processes, Claims makes sure one process does not run the same site
// twice at once (it may not even get to the lock: a healthy site is never
// locked).
type Claims struct {
	mu   sync.Mutex
	held map[string]string
}

// NewClaims returns an empty set of claims.
func NewClaims() *Claims { return &Claims{held: map[string]string{}} }

// Claim takes key for who. When another holds it, ok is false and holder
// names it; who may claim again what it holds. release gives the key back; it may be called more than once.
func (c *Claims) Claim(key, who string) (release func(), holder string, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if h, taken := c.held[key]; taken && h != who {
		return func() {}, h, false
	}
	c.held[key] = who
	var once sync.Once
	return func() {
		once.Do(func() {
			c.mu.Lock()
			delete(c.held, key)
			c.mu.Unlock()
		})
	}, who, true
}
