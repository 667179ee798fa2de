# syntax=docker/dockerfile:1
# Node 24 LTS. The `node` devDependency (Node 24 from the npm registry, for machines whose own
# Node is older) is not needed here: --ignore-scripts keeps it from fetching its binary, and the
# build then runs on the image's own Node 24.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json lti-config.json ./
COPY views ./views
COPY public ./public
# What a SCORM package zip carries besides its manifest: the launcher and the SCORM schemas.
COPY src/delivery/scorm/launcher ./src/delivery/scorm/launcher
COPY src/delivery/scorm/schemas ./src/delivery/scorm/schemas
RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
EXPOSE 3000
# DATABASE_URL and LTI_ENCRYPTION_KEY come from the environment (without DATABASE_URL the
# embedded PGlite database keeps its data in /app/data: mount a volume there).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/server.js"]
