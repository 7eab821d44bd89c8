# Mock defaults for the remote-state bucket (StateBucket).
mock_resource "aws_s3_bucket" {
  defaults = {
    arn = "arn:aws:s3:::fixture-terraform-state"
    id  = "fixture-terraform-state"
  }
}
