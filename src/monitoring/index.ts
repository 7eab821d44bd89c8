export * from './notification-topic';
export * from './postgres-alarms';
export * from './redis-alarms';
export * from './node-group-alarms';
export * from './cluster-alarms';
export * from './platform-dashboard';
export * from './platform-alerts';
