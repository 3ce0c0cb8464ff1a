"use strict";
function checkAzureEvents() { return { problems: ["not implemented"], notes: [] }; }
module.exports = { checkAzureEvents };
