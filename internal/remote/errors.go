package remote

import (
	"errors"
	"strings"
)

// unwrapHostKeyErr digs our typed host-key error out of the handshake error.
func unwrapHostKeyErr(err error) error {
	var ce *HostKeyChangedError
	if errors.As(err, &ce) {
		return ce
	}
	var ue *HostUnknownError
	if errors.As(err, &ue) {
		return ue
	}
	return err
}

// isAuthFailure recognises x/crypto/ssh's "unable to authenticate" error,
// which has no type of its own.
func isAuthFailure(err error) bool {
	return strings.Contains(err.Error(), "unable to authenticate") ||
		strings.Contains(err.Error(), "no supported methods remain")
}
