console.error('CSP head error: cluster operators unavailable');
fetch('/api/fail/500');
Promise.reject(new Error('CSP head rejection: token refresh failed'));
throw new TypeError('CSP head throw: replicas is undefined');
