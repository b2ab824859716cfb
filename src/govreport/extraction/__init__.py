"""From number tokens to quantities and indicator rows, with the rules that decided them."""
