# Mock defaults for the EKS control plane and node groups (HaEksCluster, HaNodeGroup, WorkloadIdentityRole).
mock_resource "aws_eks_cluster" {
  defaults = {
    arn      = "arn:aws:eks:us-east-1:123456789012:cluster/mock"
    endpoint = "https://0123456789ABCDEF0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com"
    certificate_authority = [{ data = "bW9jay1jYQ==" }]
    identity = [{
      oidc = [{ issuer = "https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF" }]
    }]
  }
}
mock_resource "aws_iam_openid_connect_provider" {
  defaults = {
    arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
  }
}
# HaEksCluster resolves each managed add-on's version at plan time (EKS's default for the Kubernetes version).
mock_data "aws_eks_addon_version" {
  defaults = {
    version = "v1.0.0-eksbuild.1"
  }
}
mock_resource "aws_eks_addon" {
  defaults = {
    arn = "arn:aws:eks:us-east-1:123456789012:addon/mock/mock/00000000-0000-0000-0000-000000000000"
  }
}
mock_resource "aws_eks_node_group" {
  defaults = {
    arn = "arn:aws:eks:us-east-1:123456789012:nodegroup/mock/mock/00000000-0000-0000-0000-000000000000"
    # EKS creates the Auto Scaling group; the node group alarms read its name from here.
    resources = [{
      autoscaling_groups              = [{ name = "eks-general-00000000-0000-0000-0000-000000000000" }]
      remote_access_security_group_id = ""
    }]
  }
}
mock_resource "aws_launch_template" {
  defaults = {
    arn            = "arn:aws:ec2:us-east-1:123456789012:launch-template/lt-00000000000000000"
    id             = "lt-00000000000000000"
    latest_version = 1
  }
}
mock_resource "aws_eks_access_entry" {
  defaults = {
    access_entry_arn = "arn:aws:eks:us-east-1:123456789012:access-entry/mock/role/123456789012/mock/00000000-0000-0000-0000-000000000000"
  }
}
mock_resource "aws_eks_pod_identity_association" {
  defaults = {
    association_arn = "arn:aws:eks:us-east-1:123456789012:podidentityassociation/mock/a-00000000000000000"
    association_id  = "a-00000000000000000"
  }
}
