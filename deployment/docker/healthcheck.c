/*
 * lightbox-healthcheck: exit 0 when GET /q/health/live on 127.0.0.1 answers HTTP 200, else 1.
 *
 * Used as the ECS container health check of the native image, whose distroless base has no
 * shell and no curl. Liveness, not readiness: a database or S3 outage makes the service unready
 * (the load balancer's business) but must not get every container replaced. The management
 * interface serves it: port from QUARKUS_MANAGEMENT_PORT (default 9000); a 3-second budget per
 * socket operation so that a hung server counts as unhealthy rather than blocking the agent.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int main(void) {
    const char *env = getenv("QUARKUS_MANAGEMENT_PORT");
    long port = env != NULL ? strtol(env, NULL, 10) : 9000;
    if (port <= 0 || port > 65535) {
        port = 9000;
    }

    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return 1;
    }
    struct timeval timeout = {.tv_sec = 3, .tv_usec = 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short) port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) {
        close(fd);
        return 1;
    }

    static const char request[] =
        "GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    if (write(fd, request, sizeof request - 1) != (ssize_t) (sizeof request - 1)) {
        close(fd);
        return 1;
    }

    /* Only the status line matters: "HTTP/1.x 200 ". */
    char status[16];
    size_t have = 0;
    while (have < sizeof status - 1) {
        ssize_t n = read(fd, status + have, sizeof status - 1 - have);
        if (n <= 0) {
            break;
        }
        have += (size_t) n;
    }
    close(fd);
    status[have] = '\0';
    return (have >= 13 && strncmp(status, "HTTP/1.", 7) == 0 && strncmp(status + 8, " 200 ", 5) == 0) ? 0 : 1;
}
