package extract

import "testing"

func TestClearlyEnglish(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"The government said on Monday that it would cut taxes for families, and the opposition was quick to reject the plan as a gift to the rich.", true},
		{"Die Regierung hat am Montag beschlossen, die Steuern für Familien zu senken, und die Opposition lehnte den Plan sofort als Geschenk an die Reichen ab.", false},
		{"Le gouvernement a annoncé lundi qu'il allait réduire les impôts des familles, et l'opposition a aussitôt rejeté le plan, « un cadeau aux riches ».", false},
		{"El gobierno dijo el lunes que bajará los impuestos a las familias y la oposición rechazó el plan de inmediato, según The New York Times.", false},
		{"Too short to tell.", false},
	}
	for _, tc := range tests {
		if got := clearlyEnglish(tc.text); got != tc.want {
			t.Errorf("clearlyEnglish(%.40q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
