"""The ECS session AgentEcsEndpointBoto3Test runs with boto3 against the agent's ECS endpoint.

Usage: boto3_session.py ENDPOINT IMAGE. Prints one JSON object with what it saw; exits non-zero on a surprise.
"""
import json
import sys

import boto3
from botocore.config import Config

endpoint, image = sys.argv[1], sys.argv[2]
ecs = boto3.client("ecs", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="local",
                   aws_secret_access_key="local", config=Config(retries={"max_attempts": 1}))
seen = {}

registered = ecs.register_task_definition(
    family="worker",
    containerDefinitions=[{"name": "work", "image": image, "memory": 16, "stopTimeout": 2,
                           "command": ["sleep", "3602"]}])["taskDefinition"]
seen["registered"] = registered["taskDefinitionArn"]

service = ecs.create_service(cluster="shop", serviceName="worker", taskDefinition="worker",
                             desiredCount=2)["service"]
seen["created"] = service["status"]
ecs.get_waiter("services_stable").wait(cluster="shop", services=["worker"],
                                       WaiterConfig={"Delay": 2, "MaxAttempts": 90})
arns = ecs.list_tasks(cluster="shop", serviceName="worker")["taskArns"]
tasks = ecs.describe_tasks(cluster="shop", tasks=arns)["tasks"]
seen["tasks"] = [{"arn": t["taskArn"], "lastStatus": t["lastStatus"],
                  "taskDefinitionArn": t["taskDefinitionArn"],
                  "runtimeId": t["containers"][0]["runtimeId"]} for t in tasks]

stopped = ecs.stop_task(cluster="shop", task=arns[0], reason="boto3 says stop")["task"]
seen["stopping"] = stopped["desiredStatus"]
ecs.get_waiter("tasks_stopped").wait(cluster="shop", tasks=[arns[0]], WaiterConfig={"Delay": 2, "MaxAttempts": 60})
done = ecs.describe_tasks(cluster="shop", tasks=[arns[0]])["tasks"][0]
seen["stoppedReason"] = done["stoppedReason"]
seen["stopCode"] = done["stopCode"]

try:
    ecs.list_tasks(cluster="nope")
    seen["unknownCluster"] = "answered"
except ecs.exceptions.ClusterNotFoundException as e:
    seen["unknownCluster"] = e.response["Error"]["Code"] + ": " + e.response["Error"]["Message"]

ecs.delete_service(cluster="shop", service="worker", force=True)
ecs.get_waiter("services_inactive").wait(cluster="shop", services=["worker"],
                                         WaiterConfig={"Delay": 2, "MaxAttempts": 60})
seen["deleted"] = ecs.describe_services(cluster="shop", services=["worker"])["services"][0]["status"]
print(json.dumps(seen))
