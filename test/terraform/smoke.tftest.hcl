# Smoke test for every checked stack: the whole stack plans and applies against the mock provider.
run "apply" {
  command = apply
}
