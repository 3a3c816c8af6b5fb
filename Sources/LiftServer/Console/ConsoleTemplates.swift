/// The console's Mustache templates (every `{{value}}` is escaped; the one `{{{body}}}` is the
/// output of these same templates) and its stylesheet: the label page's look, wider tables, no
/// assets from elsewhere and no script.
enum ConsoleTemplates {
    static let css = PageTemplates.css + """
        main.console{max-width:1200px}nav{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0}nav a{padding:6px 10px;border-radius:8px;background:#fff;color:#1d4ed8;text-decoration:none;border:1px solid #dbe3f0}
        nav a.here{background:#1d4ed8;color:#fff}.who{font-size:14px;color:#333}.who form{display:inline}.who button{width:auto;margin:0 0 0 8px;padding:4px 10px;font-weight:400}
        .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
        th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top;white-space:nowrap}td.wrap{white-space:normal;min-width:12em}
        th{background:#f9fafb;font-weight:600;color:#374151}tr.overdue-row td{background:#fee2e2}tr.stopped-row td{background:#f3f4f6;color:#6b7280}
        tr.alarm-row td{background:#fff7ed}.tag{display:inline-block;border-radius:6px;padding:0 6px;font-size:12px;color:#fff;background:#6b7280}.tag.red{background:#dc2626;color:#fff}
        .tag.amber{background:#d97706}.tag.green{background:#15803d}.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;align-items:end}
        .filters label{margin:0}.filters button{margin:0}.inline{display:flex;flex-wrap:wrap;gap:6px;align-items:center}.inline select,.inline input{width:auto;padding:4px 6px}
        .inline button{width:auto;margin:0;padding:4px 10px;font-weight:600}.pager{display:flex;gap:12px;align-items:center;margin:8px 0}.muted{color:#6b7280}
        .notice{background:#ecfdf5;border:1px solid #15803d;border-radius:8px;padding:8px 12px}.signin{max-width:420px;margin:40px auto}
        """

    static let layout = """
        <!doctype html><html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{{title}} · {{platform}}</title><style>{{{css}}}</style></head><body><main class="console">
        <header><span>{{platform}} · {{consoleName}}</span><span class="who">{{who}}<form method="post" action="/console/sign-out"><input type="hidden" name="csrf" value="{{csrf}}"><button class="secondary">{{signOut}}</button></form> <a href="{{switchURL}}">{{switchLabel}}</a></span></header>
        <nav>{{#nav}}<a href="{{href}}"{{#here}} class="here"{{/here}}>{{name}}</a>{{/nav}}</nav>
        <h1>{{title}}</h1>{{#notice}}<p class="notice">{{notice}}</p>{{/notice}}{{#error}}<p class="error">{{error}}</p>{{/error}}
        {{{body}}}
        <footer>{{platform}} · 96333</footer></main></body></html>
        """

    static let signIn = """
        <!doctype html><html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{{title}} · {{platform}}</title><style>{{{css}}}</style></head><body><main class="signin">
        <header><span>{{platform}}</span><a href="{{switchURL}}">{{switchLabel}}</a></header>
        <section class="card"><h1>{{title}}</h1>{{#error}}<p class="error" id="error">{{error}}</p>{{/error}}
        <form method="post" action="/console/sign-in{{langQuery}}"><input type="hidden" name="csrf" value="{{csrf}}">
        <label for="login">{{loginLabel}}</label><input id="login" name="login" autocomplete="username" value="{{login}}" required maxlength="64">
        <label for="password">{{passwordLabel}}</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128">
        <button type="submit" id="sign-in">{{submitLabel}}</button></form></section>
        <footer>{{platform}} · 96333</footer></main></body></html>
        """

    /// A filter form (GET) of fields.
    static let filters = """
        <form method="get" class="card filters" id="filters">{{#fields}}{{> field}}{{/fields}}
        <button type="submit">{{submitLabel}}</button></form>
        {{#datalists}}<datalist id="{{id}}">{{#options}}<option value="{{.}}">{{/options}}</datalist>{{/datalists}}
        """

    /// One form field of any kind.
    static let field = """
        {{#isHidden}}<input type="hidden" name="{{name}}" value="{{value}}">{{/isHidden}}{{^isHidden}}<label>{{label}}
        {{#isSelect}}<select name="{{name}}">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/options}}</select>{{/isSelect}}
        {{#isTextarea}}<textarea name="{{name}}" rows="3" maxlength="{{maxLength}}"{{#placeholder}} placeholder="{{placeholder}}"{{/placeholder}}>{{value}}</textarea>{{/isTextarea}}
        {{#isInput}}<input name="{{name}}" type="{{type}}" value="{{value}}"{{#list}} list="{{list}}"{{/list}}{{#placeholder}} placeholder="{{placeholder}}"{{/placeholder}}{{#maxLength}} maxlength="{{maxLength}}"{{/maxLength}}{{#required}} required{{/required}}>{{/isInput}}
        </label>{{/isHidden}}
        """

    /// A table with rows of cells, each row with its action forms.
    static let table = """
        {{#caption}}<p class="muted">{{caption}}</p>{{/caption}}
        {{#exports}}<p class="inline">{{#links}}<a href="{{href}}" class="export">{{name}}</a>{{/links}}</p>{{/exports}}
        <div class="scroll"><table id="{{id}}"><thead><tr>{{#headers}}<th>{{.}}</th>{{/headers}}{{#hasActions}}<th></th>{{/hasActions}}</tr></thead><tbody>
        {{#rows}}<tr class="{{rowClass}}" data-key="{{key}}">{{#cells}}<td{{#wrap}} class="wrap"{{/wrap}}>{{#href}}<a href="{{href}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}{{#tag}} <span class="tag {{tagClass}}">{{tag}}</span>{{/tag}}</td>{{/cells}}
        {{#hasActions}}<td>{{#actions}}<form method="post" action="{{action}}" class="inline"><input type="hidden" name="csrf" value="{{csrf}}">{{#fields}}{{> field}}{{/fields}}<button type="submit" name="do" value="{{name}}"{{#secondary}} class="secondary"{{/secondary}}>{{label}}</button></form>{{/actions}}</td>{{/hasActions}}</tr>{{/rows}}
        {{^rows}}<tr><td colspan="{{columns}}" class="muted">{{empty}}</td></tr>{{/rows}}
        </tbody></table></div>
        {{#pager}}<p class="pager">{{#previous}}<a href="{{previous}}" rel="prev">← {{previousLabel}}</a>{{/previous}}<span class="muted">{{position}}</span>{{#next}}<a href="{{next}}" rel="next">{{nextLabel}} →</a>{{/next}}</p>{{/pager}}
        """

    /// A form (POST) in a card.
    static let form = """
        <section class="card"><h2>{{title}}</h2>{{#intro}}<p class="muted">{{intro}}</p>{{/intro}}
        <form method="post" action="{{action}}" id="{{id}}"{{#multipart}} enctype="multipart/form-data"{{/multipart}}><input type="hidden" name="csrf" value="{{csrf}}">
        {{#fields}}{{> field}}{{/fields}}<button type="submit">{{submitLabel}}</button></form></section>
        """

    /// A card of facts.
    static let facts = """
        <section class="card"><h2>{{title}}</h2><dl>{{#rows}}<dt>{{name}}</dt><dd{{#red}} class="red"{{/red}}>{{value}}</dd>{{/rows}}</dl></section>
        """
}
