/// The pages' Mustache templates (escaping by default) and their inline stylesheet: one response,
/// no external assets, readable on a phone.
enum PageTemplates {
    static let css = """
        *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#1b1b1b;background:#f3f4f6}
        main{max-width:640px;margin:0 auto;padding:12px}header{display:flex;justify-content:space-between;align-items:center;font-size:14px;color:#555}
        header a{color:#1d4ed8}.verdict{border-radius:10px;padding:14px 16px;margin:10px 0;color:#fff}.verdict h1{margin:0;font-size:22px}.verdict p{margin:4px 0 0}
        .genuine{background:#15803d}.revoked{background:#b45309}.counterfeit{background:#b91c1c}.malformed,.unverified{background:#4b5563}.unknown{background:#4b5563}
        .card{background:#fff;border-radius:10px;padding:12px 16px;margin:10px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        .number{font-size:34px;font-weight:700;letter-spacing:2px}.badge{display:inline-block;border-radius:999px;padding:2px 12px;font-weight:600;color:#fff}
        .current{background:#15803d}.overdue{background:#dc2626}.stopped{background:#6b7280}.no-record{background:#6b7280}
        dl{display:grid;grid-template-columns:8.5em 1fr;gap:4px 10px;margin:8px 0}dt{color:#555}dd{margin:0;overflow-wrap:anywhere}
        .red{color:#dc2626;font-weight:600}.trapped{background:#fef2f2;border:2px solid #dc2626;color:#991b1b;font-weight:700;text-align:center}
        .trapped a{color:#991b1b;font-size:24px;display:block}a.tel{color:#1d4ed8}
        form label{display:block;margin:8px 0 2px;color:#333}select,textarea,input{width:100%;font:inherit;padding:8px;border:1px solid #bbb;border-radius:8px}
        fieldset{border:0;padding:0;margin:0;display:flex;gap:8px;flex-wrap:wrap}fieldset label{display:flex;gap:4px;align-items:center;margin:0;padding:6px 10px;border:1px solid #bbb;border-radius:8px}
        fieldset input{width:auto}button{margin-top:12px;width:100%;padding:12px;font:inherit;font-weight:700;color:#fff;background:#1d4ed8;border:0;border-radius:8px}button.secondary{background:#6b7280}
        .error{color:#b91c1c;font-weight:600}ol.timeline{padding-left:20px}footer{color:#777;font-size:12px;text-align:center;margin:16px 0}
        """

    static let label = """
        <!doctype html><html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{{number}} · {{platform}}</title><style>{{{css}}}</style></head><body><main>
        <header><span>{{platform}}</span><a href="{{switchURL}}">{{switchLabel}}</a></header>
        <section class="verdict {{verdictClass}}"><h1>{{verdictTitle}}</h1><p>{{verdictDetail}}</p>{{#reason}}<p><small>{{reason}}</small></p>{{/reason}}</section>
        <section class="card trapped">{{trapped}}<a href="tel:96333">☎ 96333</a></section>
        {{{staffPanel}}}
        {{#elevator}}<section class="card"><div class="number">{{number}}</div>
        <p>{{statusLabel}}: <span class="badge {{statusClass}}">{{statusName}}</span></p>
        {{#classified}}<p>{{classifiedNote}}</p>{{/classified}}
        {{^classified}}<dl>
        {{#rows}}<dt>{{label}}</dt><dd{{#red}} class="red"{{/red}}>{{#tel}}<a class="tel" href="tel:{{tel}}">{{value}}</a>{{/tel}}{{^tel}}{{value}}{{/tel}}</dd>{{/rows}}
        </dl>{{/classified}}</section>{{/elevator}}
        {{#form}}<section class="card"><h2>{{formTitle}}</h2>{{#formError}}<p class="error">{{formError}}</p>{{/formError}}
        <form method="post" action="{{action}}"><input type="hidden" name="lang" value="{{lang}}">
        {{{formFields}}}</form></section>{{/form}}
        <footer>{{platform}} · 96333</footer></main></body></html>
        """

    /// The complaint form's fields: the same on every label page of a language, so they are
    /// rendered once per language and placed in ``label`` as ready HTML.
    static let formFields = """
        <label>{{categoryLabel}}</label><fieldset>{{#categories}}<label><input type="radio" name="category" value="{{value}}"{{#checked}} checked{{/checked}}>{{name}}</label>{{/categories}}</fieldset>
        <label for="problem">{{problemLabel}}</label><select id="problem" name="problem">{{#problems}}<option value="{{value}}">{{name}}</option>{{/problems}}</select>
        <label for="text">{{describeLabel}}</label><textarea id="text" name="text" maxlength="500" rows="3"></textarea>
        <label for="phone">{{phoneLabel}}</label><input id="phone" name="phone" type="tel" inputmode="numeric" maxlength="13" autocomplete="tel">
        <button type="submit">{{submitLabel}}</button>
        """

    static let ticket = """
        <!doctype html><html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{{ticketTitle}} {{ticket}}</title><style>{{{css}}}</style></head><body><main>
        <header><span>{{platform}}</span><a href="{{switchURL}}">{{switchLabel}}</a></header>
        <section class="card"><h1>{{ticketTitle}}</h1><div class="number">{{ticket}}</div><p>{{ticketIntro}}</p>
        <dl><dt>{{numberLabel}}</dt><dd>{{number}}</dd><dt>{{categoryLabel}}</dt><dd>{{category}}</dd>
        {{#problem}}<dt>{{problemLabel}}</dt><dd>{{problem}}</dd>{{/problem}}{{#text}}<dt>{{describeLabel}}</dt><dd>{{text}}</dd>{{/text}}
        <dt>{{statusLabel}}</dt><dd>{{state}}</dd>{{#routedTo}}<dt>{{routedToLabel}}</dt><dd>{{routedTo}}</dd>{{/routedTo}}
        {{#resolution}}<dt>{{resolutionLabel}}</dt><dd>{{resolution}}</dd>{{/resolution}}</dl></section>
        {{#rescue}}<section class="card trapped rescue"><h2>{{rescueTitle}}</h2><p class="rescue-state">{{rescueState}}</p>
        <ol class="timeline">{{#rescueSteps}}<li>{{at}} · {{name}}</li>{{/rescueSteps}}</ol><p>{{rescueIntro}}</p></section>{{/rescue}}
        <section class="card"><h2>{{timelineLabel}}</h2><ol class="timeline">{{#events}}<li>{{at}} · {{state}}{{#note}} · {{note}}{{/note}}</li>{{/events}}</ol></section>
        {{#askFeedback}}<section class="card"><form method="post" action="/T/{{ticket}}/feedback"><p>{{feedbackQuestion}}</p><input type="hidden" name="lang" value="{{lang}}">
        <button name="satisfied" value="true">{{satisfiedLabel}}</button><button name="satisfied" value="false" class="secondary">{{notSatisfiedLabel}}</button></form></section>{{/askFeedback}}
        <section class="card trapped">{{trapped}}<a href="tel:96333">☎ 96333</a></section></main></body></html>
        """

    static let error = """
        <!doctype html><html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{{title}}</title><style>{{{css}}}</style></head><body><main>
        <section class="verdict malformed"><h1>{{title}}</h1><p>{{message}}</p></section>
        <section class="card trapped">{{trapped}}<a href="tel:96333">☎ 96333</a></section></main></body></html>
        """
}
