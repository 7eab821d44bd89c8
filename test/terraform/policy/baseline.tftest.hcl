# A stack that passed the production baseline at synth (one acknowledged finding) applies against the mock
# provider: the acknowledgement comment under "//" does not change the configuration Terraform sees.
run "acknowledged_subnet_applies" {
  command = apply

  assert {
    condition     = aws_subnet.lab.map_public_ip_on_launch == true
    error_message = "the acknowledged subnet keeps its (acknowledged) public IP mapping"
  }

  assert {
    condition     = aws_subnet.lab.cidr_block == "10.0.200.0/24"
    error_message = "the acknowledged subnet is applied as written"
  }
}
