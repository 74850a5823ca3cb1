package io.stowage.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic task-definition files, varied but deterministic: 1 to 5 containers with ports, environment,
 * secrets, health checks, dependencies, logging and volumes, on EC2 or Fargate.
 */
public final class SampleTaskDefinitions {
    private SampleTaskDefinitions() {
    }

    public static List<byte[]> generate(int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            files.add(one(i, random).getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    private static String one(int index, Random random) {
        boolean fargate = random.nextBoolean();
        int containers = 1 + random.nextInt(5);
        StringBuilder json = new StringBuilder(4096);
        json.append("{\n  \"family\": \"service-").append(index).append("\",\n");
        json.append("  \"networkMode\": \"").append(fargate ? "awsvpc" : "bridge").append("\",\n");
        if (fargate) {
            json.append("  \"requiresCompatibilities\": [\"FARGATE\"],\n  \"cpu\": \"1024\",\n  \"memory\": \"2048\",\n");
        }
        json.append("  \"executionRoleArn\": \"arn:aws:iam::123456789012:role/ecsTaskExecutionRole\",\n");
        json.append("  \"taskRoleArn\": \"arn:aws:iam::123456789012:role/app-").append(index).append("\",\n");
        json.append("  \"containerDefinitions\": [\n");
        for (int c = 0; c < containers; c++) {
            int port = 8000 + c;
            json.append("    {\n      \"name\": \"c").append(c).append("\",\n");
            json.append("      \"image\": \"123456789012.dkr.ecr.us-east-1.amazonaws.com/app-").append(c)
                    .append(":1.").append(random.nextInt(50)).append("\",\n");
            json.append("      \"essential\": ").append(c == 0).append(",\n");
            json.append("      \"cpu\": 128,\n      \"memory\": 256,\n      \"memoryReservation\": 128,\n");
            json.append("      \"portMappings\": [{\"containerPort\": ").append(port).append(", \"hostPort\": ")
                    .append(fargate ? port : 0).append(", \"protocol\": \"tcp\"}],\n");
            json.append("      \"environment\": [");
            for (int e = 0; e < 6; e++) {
                json.append(e == 0 ? "" : ", ").append("{\"name\": \"VAR_").append(e).append("\", \"value\": \"v")
                        .append(random.nextInt(1000)).append("\"}");
            }
            json.append("],\n");
            json.append("      \"secrets\": [{\"name\": \"DB_PASSWORD\", \"valueFrom\": "
                    + "\"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf\"}],\n");
            json.append("      \"healthCheck\": {\"command\": [\"CMD-SHELL\", \"wget -q -O- localhost:")
                    .append(port).append("/health || exit 1\"], \"interval\": 30, \"timeout\": 5, \"retries\": 3},\n");
            if (c > 0) {
                json.append("      \"dependsOn\": [{\"containerName\": \"c0\", \"condition\": \"START\"}],\n");
            }
            json.append("      \"mountPoints\": [{\"sourceVolume\": \"data\", \"containerPath\": \"/data\", \"readOnly\": ")
                    .append(c > 0).append("}],\n");
            json.append("      \"logConfiguration\": {\"logDriver\": \"awslogs\", \"options\": {\"awslogs-group\": "
                    + "\"/ecs/app\", \"awslogs-region\": \"us-east-1\", \"awslogs-stream-prefix\": \"c")
                    .append(c).append("\"}},\n");
            json.append("      \"dockerLabels\": {\"team\": \"t").append(index % 7).append("\"}\n    }")
                    .append(c < containers - 1 ? ",\n" : "\n");
        }
        json.append("  ],\n  \"volumes\": [{\"name\": \"data\"}],\n");
        json.append("  \"tags\": [{\"key\": \"owner\", \"value\": \"bench\"}]\n}\n");
        return json.toString();
    }
}
