# diemtin: one image for the scheduler/web process and the workers.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends chromium ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
ENV CHROMIUM_PATH=/usr/bin/chromium NODE_ENV=production
USER node
ENTRYPOINT ["node", "bin/diemtin.js"]
CMD ["run"]
