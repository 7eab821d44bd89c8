# HaVpc + HaEksCluster + HaNodeGroup applied against the mock provider: the applied cluster and nodes
# keep the guide's security and HA properties.
run "eks_cluster" {
  command = apply

  # Distinct key ARNs, so the assertions below can tell which key encrypts what.
  override_resource {
    target = aws_kms_key.eks_secrets-key_5FDBA834
    values = {
      arn    = "arn:aws:kms:us-east-1:123456789012:key/11111111-1111-1111-1111-111111111111"
      key_id = "11111111-1111-1111-1111-111111111111"
    }
  }
  override_resource {
    target = aws_kms_key.eks_log-key_8C174E30
    values = {
      arn    = "arn:aws:kms:us-east-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      key_id = "22222222-2222-2222-2222-222222222222"
    }
  }
  override_resource {
    target = aws_kms_key.eks_ebs-key_9D45939F
    values = {
      arn    = "arn:aws:kms:us-east-1:123456789012:key/33333333-3333-3333-3333-333333333333"
      key_id = "33333333-3333-3333-3333-333333333333"
    }
  }

  assert {
    condition = toset(aws_eks_cluster.eks_cluster_55B0C966.enabled_cluster_log_types) == toset([
      "api", "audit", "authenticator", "controllerManager", "scheduler",
    ])
    error_message = "all 5 control-plane log types must be enabled"
  }

  assert {
    condition = alltrue([
      aws_cloudwatch_log_group.eks_log-group_29AF1558.name == "/aws/eks/fixture-eks/cluster",
      aws_cloudwatch_log_group.eks_log-group_29AF1558.retention_in_days == 90,
      aws_cloudwatch_log_group.eks_log-group_29AF1558.kms_key_id == aws_kms_key.eks_log-key_8C174E30.arn,
      aws_kms_key.eks_log-key_8C174E30.enable_key_rotation,
    ])
    error_message = "control-plane logs must go to the EKS log group, kept 90 days and encrypted with the logs key"
  }

  assert {
    condition = alltrue([
      aws_eks_cluster.eks_cluster_55B0C966.encryption_config[0].provider[0].key_arn == aws_kms_key.eks_secrets-key_5FDBA834.arn,
      contains(aws_eks_cluster.eks_cluster_55B0C966.encryption_config[0].resources, "secrets"),
      aws_kms_key.eks_secrets-key_5FDBA834.enable_key_rotation,
      aws_kms_key.eks_secrets-key_5FDBA834.deletion_window_in_days == 30,
    ])
    error_message = "Kubernetes secrets must be envelope-encrypted with the rotating customer-managed key"
  }

  assert {
    condition = alltrue([
      aws_eks_cluster.eks_cluster_55B0C966.vpc_config[0].endpoint_private_access,
      !aws_eks_cluster.eks_cluster_55B0C966.vpc_config[0].endpoint_public_access,
      length(aws_eks_cluster.eks_cluster_55B0C966.vpc_config[0].subnet_ids) == 3,
    ])
    error_message = "the API endpoint must be private only, in 3 subnets"
  }

  assert {
    condition = alltrue([
      aws_eks_cluster.eks_cluster_55B0C966.access_config[0].authentication_mode == "API",
      !aws_eks_cluster.eks_cluster_55B0C966.access_config[0].bootstrap_cluster_creator_admin_permissions,
      aws_eks_access_entry.eks_admin-0_CED4B653.principal_arn == "arn:aws:iam::123456789012:role/platform-admin",
      aws_eks_access_policy_association.eks_admin-0-cluster-admin_77BC250A.access_scope[0].type == "cluster",
      aws_eks_access_entry.eks_deployer_3F917661.principal_arn == "arn:aws:iam::123456789012:role/terraform-deployer",
    ])
    error_message = "access must go through access entries for the named principals only"
  }

  assert {
    condition = length(distinct([
      for id in aws_eks_node_group.nodes_node-group_12AEBAC4.subnet_ids : {
        for s in [
          aws_subnet.network_private-0_A0649C48, aws_subnet.network_private-1_4188AF2B, aws_subnet.network_private-2_96169D1F,
          aws_subnet.network_public-0_A4E682E0, aws_subnet.network_public-1_8D79547B, aws_subnet.network_public-2_7452BF82,
        ] : s.id => s.availability_zone
      }[id]
    ])) == 3
    error_message = "the node group must span 3 availability zones"
  }

  assert {
    condition = alltrue([
      for id in aws_eks_node_group.nodes_node-group_12AEBAC4.subnet_ids : contains([
        aws_subnet.network_private-0_A0649C48.id, aws_subnet.network_private-1_4188AF2B.id, aws_subnet.network_private-2_96169D1F.id,
      ], id)
    ])
    error_message = "nodes must run in the private subnets only"
  }

  assert {
    condition = alltrue([
      aws_eks_node_group.nodes_node-group_12AEBAC4.scaling_config[0].min_size == 3,
      aws_eks_node_group.nodes_node-group_12AEBAC4.scaling_config[0].max_size == 10,
      aws_eks_node_group.nodes_node-group_12AEBAC4.update_config[0].max_unavailable_percentage == 33,
      aws_eks_node_group.nodes_node-group_12AEBAC4.launch_template[0].id == aws_launch_template.nodes_launch-template_7B6F4E91.id,
      aws_eks_node_group.nodes_node-group_12AEBAC4.tags["k8s.io/cluster-autoscaler/fixture-eks"] == "owned",
    ])
    error_message = "the node group must scale 3-10 under the autoscaler with the construct's launch template"
  }

  assert {
    condition = alltrue([
      aws_launch_template.nodes_launch-template_7B6F4E91.metadata_options[0].http_tokens == "required",
      aws_launch_template.nodes_launch-template_7B6F4E91.metadata_options[0].http_put_response_hop_limit == 1,
      aws_launch_template.nodes_launch-template_7B6F4E91.key_name == null,
      length(aws_launch_template.nodes_launch-template_7B6F4E91.network_interfaces) == 0,
    ])
    error_message = "nodes must require IMDSv2 with hop limit 1, with no SSH key and no network interface overrides"
  }

  assert {
    condition = alltrue([
      aws_launch_template.nodes_launch-template_7B6F4E91.block_device_mappings[0].ebs[0].encrypted == "true",
      aws_launch_template.nodes_launch-template_7B6F4E91.block_device_mappings[0].ebs[0].volume_type == "gp3",
      aws_launch_template.nodes_launch-template_7B6F4E91.block_device_mappings[0].ebs[0].kms_key_id == aws_kms_key.eks_ebs-key_9D45939F.arn,
    ])
    error_message = "node root volumes must be encrypted gp3 with the EBS customer-managed key"
  }

  assert {
    condition = alltrue([
      jsondecode(aws_eks_addon.eks_addon-vpc-cni_E9D6B5A5.configuration_values).enableNetworkPolicy == "true",
      one(aws_eks_addon.eks_addon-vpc-cni_E9D6B5A5.pod_identity_association).service_account == "aws-node",
      jsondecode(aws_eks_addon.eks_addon-coredns_9F8C0ACB.configuration_values).replicaCount >= 2,
      one(aws_eks_addon.eks_addon-aws-ebs-csi-driver_EAF449B9.pod_identity_association).service_account == "ebs-csi-controller-sa",
    ])
    error_message = "add-ons: network policy enforcement, CoreDNS HA, Pod Identity for the CNI and EBS CSI driver"
  }

  assert {
    condition = alltrue([
      aws_eks_node_group.nodes_node-group_12AEBAC4.node_repair_config[0].enabled,
      aws_eks_cluster.eks_cluster_55B0C966.zonal_shift_config[0].enabled,
    ])
    error_message = "node auto repair and ARC zonal shift must be on"
  }
}

run "irsa_trust_policy" {
  command = apply

  assert {
    condition = jsondecode(aws_iam_role.irsa-example_role_897C3960.assume_role_policy).Statement[0].Condition.StringEquals == {
      "oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:sub" = "system:serviceaccount:apps:legacy-app"
      "oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:aud" = "sts.amazonaws.com"
    }
    error_message = "an IRSA role must trust exactly its service account on the cluster's OIDC issuer"
  }
}
