# The web console: built with Node, served by an unprivileged nginx with the same docker/nginx/console.conf (pages,
# security headers) as the local gateway. From the repository root:
#   docker build -f docker/console.Dockerfile -t envguard/console .
FROM node:20-alpine AS build
WORKDIR /console
COPY console/package.json console/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY console/index.html console/vite.config.js ./
COPY console/public/ public/
COPY console/src/ src/
RUN npm run build

# nginx as uid 101 on port 8080. Its entrypoint writes the server (docker/nginx/console-server.conf.template, with the
# OIDC_* and CONSOLE_AUTH variables substituted) into /etc/nginx/conf.d, which is the only place it writes besides /tmp.
FROM nginxinc/nginx-unprivileged:1.28-alpine
COPY --from=build /console/dist/ /usr/share/nginx/html/
COPY docker/nginx/console.conf /etc/nginx/envguard/console.conf
COPY docker/nginx/console-server.conf.template /etc/nginx/templates/default.conf.template
ENV CONSOLE_AUTH=oidc \
    OIDC_SCOPE="openid email profile" \
    OIDC_TOKEN=access_token
EXPOSE 8080

HEALTHCHECK --interval=10s --timeout=3s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1
