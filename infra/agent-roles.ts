import { Annotations, CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { agentRoleName, agentRoleOutputKeys, checkEnvironmentBudget } from './agent-naming.js';
import type { AgentTrust, ClusterConfig } from './cluster-config.js';

/**
 * One IAM role per configured cluster, for that cluster's agent, allowed only to invoke the ingest
 * Function URL. The same loop writes the ingest's CLUSTER_PRINCIPALS (cluster → [role ARN]), which
 * the ingest checks every batch's `cluster` against (docs/wire-format.md, Authentication): a role, its grant and its
 * binding are created together or not at all, so they cannot drift.
 */
export interface AgentRolesProps {
  readonly clusters: readonly ClusterConfig[];
  readonly stackName: string;
  readonly ingestFunction: lambda.Function;
  readonly ingestUrl: lambda.FunctionUrl;
}

export class AgentRoles extends Construct {
  /** Cluster name → the role its agent assumes. */
  readonly roles: ReadonlyMap<string, iam.Role>;

  constructor(scope: Construct, id: string, props: AgentRolesProps) {
    super(scope, id);
    const names = props.clusters.map((cluster) => agentRoleName(props.stackName, cluster.name));
    checkEnvironmentBudget(props.clusters, names);
    const outputKeys = agentRoleOutputKeys(props.clusters);
    if (props.clusters.length === 0) {
      Annotations.of(this).addWarningV2(
        'podtrail:no-clusters',
        'No clusters configured: the ingest accepts no agent. Deploy with -c clusters=NAME[,NAME…] or -c clustersFile=FILE.',
      );
    }

    const roles = new Map<string, iam.Role>();
    const principals: Record<string, string[]> = {};
    props.clusters.forEach((cluster, i) => {
      const roleName = names[i] as string;
      const clusterScope = new Construct(this, cluster.name);
      const role = new iam.Role(clusterScope, 'Role', {
        // A fixed name gives a predictable ARN for the agent's manifest, and a short, exactly sized
        // CLUSTER_PRINCIPALS entry. Unique per account: deploy a second stack under another stackName.
        roleName,
        description: `podtrail agent of cluster ${cluster.name}: may only invoke the ingest URL`,
        ...trustOf(cluster.trust),
      });
      // Grants both lambda:InvokeFunctionUrl (AWS_IAM auth type) and lambda:InvokeFunction (only via
      // the URL) on the ingest function, which Function URLs require since October 2025.
      props.ingestUrl.grantInvokeUrl(role);
      principals[cluster.name] = [role.roleArn];
      roles.set(cluster.name, role);
      new CfnOutput(Stack.of(this), outputKeys[i] as string, {
        description: `Role the podtrail agent of cluster ${cluster.name} assumes`,
        value: role.roleArn,
      });
    });
    props.ingestFunction.addEnvironment('CLUSTER_PRINCIPALS', Stack.of(this).toJsonString(principals));
    this.roles = roles;
  }
}

function trustOf(trust: AgentTrust): Pick<iam.RoleProps, 'assumedBy' | 'externalIds'> {
  switch (trust.type) {
    case 'pod-identity':
      // EKS Pod Identity assumes the role with session tags naming the cluster, namespace and
      // service account (EKS user guide, pod-id-role); pinning them means no other association in
      // the account can hand this role to another workload.
      return {
        assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com')
          .withConditions({
            StringEquals: {
              'aws:RequestTag/eks-cluster-name': trust.eksClusterName,
              'aws:RequestTag/kubernetes-namespace': trust.namespace,
              'aws:RequestTag/kubernetes-service-account': trust.serviceAccount,
            },
          })
          .withSessionTags(),
      };
    case 'irsa':
      return {
        assumedBy: new iam.FederatedPrincipal(
          trust.oidcProviderArn,
          {
            StringEquals: {
              [`${trust.issuer}:sub`]: `system:serviceaccount:${trust.namespace}:${trust.serviceAccount}`,
              [`${trust.issuer}:aud`]: 'sts.amazonaws.com',
            },
          },
          'sts:AssumeRoleWithWebIdentity',
        ),
      };
    case 'principal':
      return {
        assumedBy: new iam.ArnPrincipal(trust.principalArn),
        ...(trust.externalId === undefined ? {} : { externalIds: [trust.externalId] }),
      };
  }
}
