// Command wplab brings up, drives and stops the wpdoctor lab: a real
// WordPress stack on 127.0.0.1 that the integration tests run against.
//
//	wplab up [--sites N]         install what is missing, start everything, reset sites to healthy;
//	                             --sites N also brings up N small fleet sites (kept by later ups; 0 drops them)
//	wplab down                   stop the lab's own daemons (by pid file)
//	wplab status                 which lab daemons run
//	wplab scenario SITE NAME     put a site into a scenario
//	wplab scenarios              list the scenarios
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"

	"github.com/wpdoctor/wpdoctor/internal/lab"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "wplab:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: wplab up [--sites N]|down|status|scenario SITE NAME|scenarios")
	}
	switch args[0] {
	case "up":
		sites := -1
		switch {
		case len(args) == 3 && args[1] == "--sites":
			n, err := strconv.Atoi(args[2])
			if err != nil || n < 0 || n > lab.MaxFleet {
				return fmt.Errorf("--sites %q: a number from 0 to %d", args[2], lab.MaxFleet)
			}
			sites = n
		case len(args) != 1:
			return errors.New("usage: wplab up [--sites N]")
		}
		src, err := sourceDir()
		if err != nil {
			return err
		}
		_, err = lab.Up(ctx, lab.UpOptions{Src: src, Log: os.Stdout, Sites: sites})
		return err
	case "down":
		return lab.Down(lab.Dir(), os.Stdout)
	case "status":
		if !lab.Status(lab.Dir(), os.Stdout) {
			os.Exit(3)
		}
		return nil
	case "scenarios":
		for _, sc := range lab.Scenarios {
			fmt.Printf("%-22s %s\n", sc.Name, sc.Description)
		}
		return nil
	case "scenario":
		if len(args) != 3 {
			return errors.New("usage: wplab scenario SITE NAME")
		}
		f, err := lab.LoadFacts()
		if err != nil {
			return err
		}
		return lab.Apply(ctx, f, args[1], args[2])
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// sourceDir finds the wpdoctor source tree from the working directory up.
func sourceDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "testdata", "lab", "plugins")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run wplab from inside the wpdoctor source tree")
		}
		dir = parent
	}
}
