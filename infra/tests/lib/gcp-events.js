"use strict";
function checkGcpEvents() { return { problems: ["not implemented"], notes: [] }; }
module.exports = { checkGcpEvents };
