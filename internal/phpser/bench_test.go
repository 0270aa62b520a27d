package phpser

import (
	"fmt"
	"testing"
)

// activePlugins60 is a realistic active_plugins value: 60 "slug/file.php"
// entries, keys 0..59.
func activePlugins60() []byte {
	list := make([]string, 60)
	for i := range list {
		slug := fmt.Sprintf("plugin-number-%02d-for-woocommerce", i)
		list[i] = slug + "/" + slug + ".php"
	}
	return Serialize(NewStringList(list))
}

func BenchmarkUnserializeActivePlugins60(b *testing.B) {
	data := activePlugins60()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		v, err := Unserialize(data)
		if err != nil {
			b.Fatal(err)
		}
		if list, err := StringList(v); err != nil || len(list) != 60 {
			b.Fatalf("StringList: %d entries, %v", len(list), err)
		}
	}
}

func BenchmarkSerializeActivePlugins60(b *testing.B) {
	v, err := Unserialize(activePlugins60())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Serialize(v)
	}
}
